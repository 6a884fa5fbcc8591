import type { AddressBookStore } from './ports/address-book'
import type { AuditStore } from './ports/audit'
import type { CampaignStore } from './ports/campaigns'
import type { CatalogStore } from './ports/catalog'
import type { ContentStore } from './ports/content'
import type { CreatorStore } from './ports/creators'
import type { DistributionStore } from './ports/distribution'
import type { FeedStore } from './ports/feed'
import type { GroupBuyStore } from './ports/groupbuy'
import type { ImageCheckStore } from './ports/image-checks'
import type { JobCursorStore } from './ports/jobs'
import type { MemberStore } from './ports/members'
import type { MessageStore } from './ports/messages'
import type { NoticeStore } from './ports/notices'
import type { OrderStore } from './ports/orders'
import type { OutboxStore } from './ports/outbox'
import type { PointsStore } from './ports/points'
import type { PrivacyStore } from './ports/privacy'
import type { CommentStore } from './ports/comments'
import type { ReactionStore } from './ports/reactions'
import type { RedeemStore } from './ports/redeem'
import type { TierStore } from './ports/tiers'
import type { TopicStore } from './ports/topics'
import type { TouchpointStore } from './ports/touchpoints'

export type { AddressBookStore, StoredAddressBook } from './ports/address-book'
export type { AuditQuery, AuditStore } from './ports/audit'
export type { CampaignStore } from './ports/campaigns'
export type { CatalogStore, ListedProduct, ProductQuery, StaffProductQuery } from './ports/catalog'
export type { ContentStore } from './ports/content'
export type { CreatorCertification, CreatorStore, FollowCounts, FollowRecord, PostCursor } from './ports/creators'
export type {
  CommissionState,
  CommissionTotals,
  CommissionWrite,
  DistributionStore,
  DueLine,
  SettlementRule,
  SettlementSlice,
} from './ports/distribution'
export type { FeedEntry, FeedStore, PostView } from './ports/feed'
export type {
  GroupBuyStore,
  TeamExpiryRule,
  TeamExpirySlice,
  TeamRefundRule,
  TeamRefundSlice,
  TeamState,
  TeamWrite,
} from './ports/groupbuy'
export type { ImageCheckStore } from './ports/image-checks'
export type { JobCursorStore, SavedJobCursor } from './ports/jobs'
export type { MemberStore } from './ports/members'
export type { MessageStore } from './ports/messages'
export type { NoticeStore } from './ports/notices'
export type {
  DueOrdersQuery,
  OrderChange,
  OrderListQuery,
  RefundCaseQuery,
  OrderStore,
  PlaceOrderResult,
  VersionedOrder,
} from './ports/orders'
export type { OutboxStore } from './ports/outbox'
export type { Slice } from './ports/paging'
export type {
  PointsChange,
  PointsChangeResult,
  PointsDecision,
  PointsExpiryRule,
  PointsExpirySlice,
  PointsState,
  PointsStore,
  PointsTotals,
  PointsUpdate,
  PointsUpdateRequest,
  StandingRead,
} from './ports/points'
export type { ErasedRecord, Erasure, PrivacyStore } from './ports/privacy'
export type { CommentListing, CommentStore, ModerationFilter } from './ports/comments'
export type { ReactionRecord, ReactionStore } from './ports/reactions'
export type { RedeemStore, RedemptionDecision } from './ports/redeem'
export type { TierMove, TierReviewRule, TierStore } from './ports/tiers'
export type { TopicStore } from './ports/topics'
export type { StoredTouch, TouchpointStore } from './ports/touchpoints'

/**
 * The store port: what the application services need from a database, in the business's words, one
 * port per aggregate (`ports/`). Each call is atomic on its own. Adapters: sqlite/ (local host) and
 * cloudbase/ (production), each with one file per aggregate.
 */
export type Store = CatalogStore &
  MemberStore &
  TouchpointStore &
  OrderStore &
  OutboxStore &
  JobCursorStore &
  PointsStore &
  TierStore &
  RedeemStore &
  DistributionStore &
  GroupBuyStore &
  ContentStore &
  FeedStore &
  CommentStore &
  ReactionStore &
  CreatorStore &
  TopicStore &
  ImageCheckStore &
  MessageStore &
  NoticeStore &
  CampaignStore &
  AuditStore &
  AddressBookStore &
  PrivacyStore & {
    close(): Promise<void>
  }
