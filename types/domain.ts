/** Domain value types shared by the mini program and the cloud functions. Money is integer fen. */

export type Fen = number
/** Milliseconds since the epoch (UTC instant). */
export type Instant = number

/** Member tier V1–V5. */
export type Tier = 1 | 2 | 3 | 4 | 5

/**
 * Staff roles: `owner` may do everything and manages staff; `merchandiser` the catalog, mall items and
 * campaigns; `service` orders, shipping, after-sales, members, moderation and distributor applications;
 * `finance` withdrawals, reconciliation, reports and settings that move money.
 */
export type StaffRole = 'owner' | 'merchandiser' | 'service' | 'finance'

/** `operator` marks a staff account (what the console opens for); its staff roles say what it may do. */
export type Role = 'consumer' | 'distributor' | 'operator' | StaffRole

export interface Category {
  id: string
  name: string
  icon: string
  sort: number
}

export interface Sku {
  id: string
  productId: string
  /** Spec name -> value, e.g. { 规格: '250g', 口味: '原味' }. */
  specs: Record<string, string>
  /** List price in fen. */
  price: Fen
  stock: number
  /**
   * The cost floor (底价) in fen: no member, flash or group-buy price charges less. Absent when the
   * merchandiser set none; never above the list price.
   */
  floorPrice?: Fen
}

export interface Product {
  id: string
  categoryId: string
  title: string
  subtitle: string
  images: string[]
  detail: string
  tags: string[]
  /** Units sold so far (shown on cards, used for sorting). */
  sales: number
  status: 'on' | 'off'
  featured: boolean
  /** Commission rate in basis points for distributors; null means the global default. */
  commissionBps: number | null
  sort: number
  createdAt: Instant
  skus: Sku[]
  /** How much of it one order or one member may buy; absent: no limit. */
  limits?: PurchaseLimits | null
  /** False: sold at list price to every tier (no member discount); absent or true: member prices apply. */
  memberPrices?: boolean
}

/** A product's purchase limits, enforced at quote and when the order is placed (atomically, under races). */
export interface PurchaseLimits {
  /** Units of the product one order may hold. */
  perOrder?: number | null
  /** Units one member may ever hold in orders not cancelled (a refund does not give the allowance back). */
  perMember?: number | null
  /** Only members who never paid for an order may buy it (新人专享). */
  newMembersOnly?: boolean
}

/** A staff change to a SKU's shelf stock, with its reason; recorded once per request. */
export interface StockAdjustment {
  id: string
  skuId: string
  delta: number
  reason: string
  actor: string
  at: Instant
}

export interface Member {
  /** The platform identity: OPENID in production, the demo person's id locally. */
  id: string
  nickname: string
  avatar: string
  tier: Tier
  roles: Role[]
  /** Short code carried by the member's share cards (fits a 32-character QR scene). */
  shareCode: string
  createdAt: Instant
}

export interface Post {
  id: string
  authorId: string
  title: string
  body: string
  cover: string
  images: string[]
  productIds: string[]
  kind: 'pgc' | 'ugc'
  status: 'pending' | 'approved' | 'rejected'
  createdAt: Instant
  /** Member posts: when an operator decided, and why a rejected one was rejected (shown to its author). */
  reviewedAt?: Instant | null
  rejectReason?: string | null
  /** The operator-defined topics (#话题) the post carries; none when absent. */
  topicIds?: string[]
}

/** What WeChat content security (mediaCheckAsync) said of an image: pending until its event arrives. */
export type ImageVerdict = 'pending' | 'pass' | 'review' | 'risky'

/**
 * An image a member showed others (a post image, an avatar) sent to WeChat content security: one per
 * subject and image, matched to its asynchronous verdict (the wxa_media_check event) by trace id.
 */
export interface ImageCheck {
  traceId: string
  /** What carries the image: `post:<postId>` or `avatar:<memberId>`. */
  subject: string
  memberId: string
  url: string
  verdict: ImageVerdict
  sentAt: Instant
  decidedAt: Instant | null
  /** An avatar's check: the avatar the member had when they chose this one (it applies only over that one). */
  replaces?: string | null
}

/** A topic (#话题) from the operators' list; only enabled topics can be chosen for new posts. */
export interface Topic {
  id: string
  name: string
  description: string
  enabled: boolean
  createdAt: Instant
}

/**
 * A 打卡 challenge as the rules use it (validated from the operators' document): approved posts in
 * the topic on `requiredDays` distinct Shanghai days within [startAt, endAt) earn the reward points
 * and the badge, once.
 */
export interface Challenge {
  id: string
  topicId: string
  title: string
  startAt: Instant
  endAt: Instant
  requiredDays: number
  rewardPoints: number
  badge: string
}

/** A member's completed challenge: the badge they hold and the points it granted. */
export interface ChallengeCompletion {
  challengeId: string
  memberId: string
  at: Instant
  points: number
  badge: string
}

/** What a member can do to a post they like: like it (觉得有用) or keep it in their favourites (收藏). */
export type PostReaction = 'like' | 'favourite'

/**
 * WeChat content security's verdict on member text or an image: pass; review (a person should look,
 * and until then nobody else sees it); risky; pending while an image check has not answered yet.
 */
export type SafetyVerdict = 'pass' | 'review' | 'risky' | 'pending'

/**
 * A member's comment on a post (or a reply to one, one level deep). Others see it only while it is
 * shown and content security passed it; its author sees it until they delete it.
 */
export interface Comment {
  id: string
  postId: string
  /** Null once the author deleted their account: the comment stays, anonymised. */
  authorId: string | null
  /** The top-level comment this one answers, or null for a top-level comment. */
  parentId: string | null
  text: string
  safety: SafetyVerdict
  /** hidden: staff took it down; deleted: its author did. */
  state: 'shown' | 'hidden' | 'deleted'
  /** How many members like it: a count of the like records. */
  likes: number
  createdAt: Instant
}

/** How many members like and favourite a post: counts of the records, never set by hand. */
export interface PostCounts {
  likes: number
  favourites: number
}

/** One entry into the shop and where it came from. */
export interface Touchpoint {
  id: string
  memberId: string | null
  /** WeChat scene value (1007 single chat card, 1047 QR code …); 0 in the browser build. */
  scene: number
  shareCode: string | null
  postId: string | null
  campaignId: string | null
  productId: string | null
  path: string
  at: Instant
}

/** Visits per Asia/Shanghai day and channel, rolled up from touchpoints. */
export interface ChannelDay {
  day: string
  channel: string
  visits: number
  visitors: number
}

export type OrderStatus = 'created' | 'paid' | 'shipped' | 'received' | 'completed' | 'cancelled' | 'closed'
export type LineStatus = 'normal' | 'refunding' | 'refunded'

export interface CartItem {
  memberId: string
  skuId: string
  quantity: number
  addedAt: Instant
}

/** 收货地址: only what delivery needs. */
export interface Address {
  name: string
  phone: string
  region: string
  detail: string
}

/** One address of a member's address book (at most 20; exactly one is the default while any is kept). */
export interface SavedAddress extends Address {
  /** `ad` + 22 hex, made from the member and the request that added it. */
  id: string
  isDefault: boolean
  /** When it was last added, edited, saved again or made the default: the latest takes over when the default is deleted. */
  usedAt: Instant
}

export interface OrderLine {
  /** `<orderId>-<lineNo>`. */
  id: string
  lineNo: number
  productId: string
  skuId: string
  title: string
  specs: Record<string, string>
  image: string
  unitPrice: Fen
  memberUnitPrice: Fen
  quantity: number
  goodsAmount: Fen
  memberDiscount: Fen
  couponDeduction: Fen
  pointsDeduction: Fen
  /** Paid for this line after discounts and points, excluding shipping: the base of refunds and commissions. */
  paidAmount: Fen
  refundedAmount: Fen
  status: LineStatus
  /** The distributor the sale is attributed to, fixed when the order is created; null when none. */
  distributorId: string | null
  /** Sold at a flash price: the campaign, and the units it may sell in all (its allotment). */
  flash?: LineFlash | null
  /** The product's per-member limit when the order was placed: placing it takes units of the member's allowance. */
  memberLimit?: number | null
}

export interface LineFlash {
  campaignId: string
  allotment: number
}

/** An order bought at a group-buy team price belongs to that team. */
export interface OrderTeam {
  campaignId: string
  teamId: string
}

export interface Shipment {
  carrier: string
  trackingNo: string
}

export interface Order {
  id: string
  /** The number people read and type (19 digits); absent on orders placed before numbers were given. */
  orderNo?: string
  memberId: string
  status: OrderStatus
  lines: OrderLine[]
  goodsAmount: Fen
  memberDiscount: Fen
  /** The coupon (a coupon redemption's id) used on this order, and what it took off. */
  couponId: string | null
  couponDiscount: Fen
  pointsUsed: number
  pointsDeduction: Fen
  shipping: Fen
  payable: Fen
  refundedAmount: Fen
  address: Address
  remark: string
  createdAt: Instant
  payDeadline: Instant
  paidAt: Instant | null
  shippedAt: Instant | null
  receivedAt: Instant | null
  completedAt: Instant | null
  cancelledAt: Instant | null
  closedAt: Instant | null
  cancelReason: string | null
  transactionId: string | null
  shipment: Shipment | null
  /** Group-buy orders: the team; null for ordinary orders. */
  team?: OrderTeam | null
  /** The buyer's last entry into the shop within the binding window before the order (last-touch attribution). */
  touch?: OrderTouch | null
  /** A new-member offer taken by this order (in place of a coupon): once per member per campaign. */
  offer?: { campaignId: string; amountOff: Fen } | null
  /** The points-day multiplier in force when the order was paid, recorded then (absent on orders paid before it was kept). */
  pointsDayMultiplier?: number
}

/** Where the order's buyer last came in from: the report counts the order under this. */
export interface OrderTouch {
  channel: string
  postId: string | null
  shareCode: string | null
  campaignId: string | null
  at: Instant
}

/** 仅退款 (money back only) or 退货退款 (the goods come back first). */
export type RefundKind = 'refund' | 'return'

/**
 * Where an after-sale case stands. Asked after shipment it waits for staff (`reviewing`); an approved
 * 退货退款 waits for the buyer's return parcel (`returning`), then for staff to confirm it came back
 * (`returned`); the money then goes out (`refunding`) until the provider confirms (`refunded`).
 * `rejected` and `cancelled` (withdrawn by the buyer, or the return never sent) give the lines back.
 */
export type RefundStatus = 'reviewing' | 'returning' | 'returned' | 'refunding' | 'refunded' | 'rejected' | 'cancelled'

export interface Refund {
  id: string
  orderId: string
  memberId: string
  lines: { id: string; amount: Fen }[]
  shipping: Fen
  amount: Fen
  reason: string
  status: RefundStatus
  createdAt: Instant
  refundedAt: Instant | null
  /** Absent on refunds recorded before cases had kinds: those were all 仅退款. */
  kind?: RefundKind
  /** The buyer's photos (uploaded image references). */
  photos?: string[]
  /** When the case entered its current status: the review and return deadlines count from here. */
  stageAt?: Instant
  /** Staff's (or the review timer's) decision. */
  review?: { outcome: 'approved' | 'rejected'; by: string; at: Instant; reason: string | null }
  /** Where the buyer sends the goods back (退货退款), copied from the after-sale settings when approved. */
  returnAddress?: Address
  /** The buyer's return parcel (退货退款). */
  returnParcel?: Shipment & { at: Instant }
  /** Staff confirmed the returned goods arrived. */
  returnReceived?: { by: string; at: Instant }
  /** Why a case ended without a refund other than rejection. */
  closed?: { by: 'buyer' | 'timeout'; at: Instant }
}

/** A payment notification as the pay provider delivered it. */
export interface PaymentNotice {
  transactionId: string
  orderId: string
  amount: Fen
  at: Instant
}

export type DomainEventType = 'order.paid' | 'order.line_refunded' | 'order.received' | 'order.completed' | 'order.cancelled'

/** A domain event in the outbox, written in the same transaction as the change it reports. */
export interface DomainEvent {
  /** Deterministic, e.g. `order.paid:<orderId>`, so a consumer applies it once. */
  id: string
  type: DomainEventType
  orderId: string
  at: Instant
  payload: Record<string, unknown>
}

export type PointsSource = 'purchase' | 'checkin' | 'post' | 'challenge' | 'order_spend' | 'adjustment'

/** A grant of points. Purchase lots wait as `pending` until their order's refund window closes. */
export interface PointsLot {
  /** Deterministic: the ledger key of the grant that made it. */
  id: string
  memberId: string
  source: PointsSource
  /** The order, post or day it came from. */
  ref: string
  amount: number
  remaining: number
  grantedAt: Instant
  expiresAt: Instant
  status: 'pending' | 'available' | 'void'
}

export type LedgerKind = 'grant' | 'spend' | 'return' | 'expire' | 'reverse' | 'repay'

/** One movement of a member's available points. The ledger's sum is the available balance. */
export interface LedgerEntry {
  /** Deterministic idempotency key, e.g. `checkin:<member>:<yyyymmdd>`, `spend:<orderId>`. */
  id: string
  memberId: string
  kind: LedgerKind
  source: PointsSource
  ref: string
  /** Change to the available balance (negative for spending, expiry and reversal). */
  delta: number
  at: Instant
  note: string
}

export interface PointsAccount {
  memberId: string
  available: number
  pending: number
  /** Points a reversal could not take back; later grants repay it first. */
  debt: number
  lastCheckInDay: string | null
  streak: number
  /** Approved posts rewarded on `postRewardDay` (Shanghai), for the daily cap. */
  postRewardDay: string | null
  postRewardsToday: number
}

/** Growth value: what moves a member between tiers. */
export interface GrowthEntry {
  /** Deterministic: `growth:order:<orderId>`, `growth:checkin:<member>:<day>`, `growth:post:<postId>`. */
  id: string
  memberId: string
  amount: number
  reason: 'purchase' | 'checkin' | 'post'
  at: Instant
}

/** Where a member stands in the tier programme: the tier is kept until `keepUntil`, then reviewed. */
export interface TierStatus {
  memberId: string
  tier: Tier
  attainedAt: Instant
  keepUntil: Instant
}

export interface TierChange {
  id: string
  memberId: string
  from: Tier
  to: Tier
  reason: 'upgrade' | 'review'
  /** Rolling 12-month growth when the change was made. */
  growth: number
  at: Instant
}

export type RedeemItemKind = 'goods' | 'coupon' | 'privilege'

/** An item of the points mall. */
export interface RedeemItem {
  id: string
  kind: RedeemItemKind
  title: string
  subtitle: string
  image: string
  pointsPrice: number
  stock: number
  /** The lowest tier that may redeem it. */
  tierMin: Tier
  /** Per-member limits; an absent one does not apply. */
  limits: { perDay?: number; perWeek?: number; perMonth?: number; ever?: number }
  startAt: Instant
  endAt: Instant
  status: 'on' | 'off'
  /** For coupons: what the coupon takes off and from what spend, and how long it lasts. */
  coupon: { amountOff: Fen; minSpend: Fen; validDays: number } | null
  /** For privileges: free shipping for a number of days. */
  privilege: { freeShippingDays: number } | null
  sort: number
}

export interface Redemption {
  id: string
  memberId: string
  itemId: string
  kind: RedeemItemKind
  title: string
  image: string
  pointsPrice: number
  /** Goods ship to this address. */
  address: Address | null
  status: 'placed' | 'fulfilled' | 'cancelled'
  createdAt: Instant
  fulfilledAt: Instant | null
  /** Goods: the parcel staff sent them in (absent on records from before it was kept). */
  shipment?: { carrier: string; trackingNo: string } | null
  cancelledAt: Instant | null
  /** Coupons and privileges: until when they can be used. */
  expiresAt: Instant | null
  /** Coupons: the order that used it (one order per coupon). */
  usedByOrder: string | null
  /** Coupons: the terms as they were when redeemed. */
  coupon: { amountOff: Fen; minSpend: Fen } | null
}

export type DistributorStatus = 'pending' | 'approved' | 'rejected' | 'frozen'

/** A member's distribution standing. Joining is free; nothing but the application is asked for. */
export interface Distributor {
  memberId: string
  status: DistributorStatus
  /** The member's share code, carried by their cards, posters and QR scenes. */
  code: string
  /** The applicant declared they are 18 or older. */
  attestedAdult: boolean
  /** The version of the published rules they agreed to. */
  rulesVersion: string
  appliedAt: Instant
  decidedAt: Instant | null
  /** Why an application was rejected or a distributor frozen (shown to them); empty otherwise. */
  note: string
}

/** Which distributor brought a buyer, and until when (first touch wins inside the window). */
export interface BuyerBinding {
  buyerId: string
  distributorId: string
  boundAt: Instant
  expiresAt: Instant
}

export type CommissionStatus = 'pending' | 'frozen' | 'available' | 'void'

/**
 * One order line's commission for the one distributor it is attributed to. There is no other kind:
 * no upline, team or recruiting reward exists.
 */
export interface CommissionLine {
  /** `cm-<orderLineId>`: one per order line. */
  id: string
  distributorId: string
  orderId: string
  orderLineId: string
  /** Internal only: never shown to the distributor. */
  buyerId: string
  productId: string
  title: string
  image: string
  quantity: number
  paidAmount: Fen
  refundedAmount: Fen
  /** The rate applied (basis points, already clamped to the cap). */
  bps: number
  /** The operator's rate was above the cap and was clamped. */
  capped: boolean
  amount: Fen
  status: CommissionStatus
  createdAt: Instant
  frozenAt: Instant | null
  /** When it may become available (7 days after receipt); null before receipt. */
  availableAt: Instant | null
  settledAt: Instant | null
  voidedAt: Instant | null
  /** Taken back after it became available because the line was refunded later. */
  clawedBack: Fen
}

/** A distributor's money: what can be withdrawn, what is on its way out, what was paid, what is owed back. */
export interface CommissionAccount {
  distributorId: string
  available: Fen
  processing: Fen
  withdrawn: Fen
  /** Clawbacks the balance could not cover; repaid from the next commissions that become available. */
  debt: Fen
  /** Withdrawn on `day` (Shanghai), for the daily cap. */
  day: string | null
  dayWithdrawn: Fen
  /** Income paid out in `month` (YYYY-MM) and the tax withheld on it: 劳务报酬 is assessed per month. */
  month: string | null
  monthIncome: Fen
  monthTax: Fen
}

export type CommissionEntryKind = 'settle' | 'repay' | 'clawback' | 'withdraw' | 'return'

/** One movement of a distributor's available balance; the entries' sum is the balance. */
export interface CommissionEntry {
  id: string
  distributorId: string
  kind: CommissionEntryKind
  /** The commission line or withdrawal it belongs to. */
  ref: string
  delta: Fen
  at: Instant
}

export interface Withdrawal {
  id: string
  distributorId: string
  /** Taken from the available balance. */
  amount: Fen
  /** Individual income tax withheld (劳务报酬). */
  tax: Fen
  /** What reaches the distributor. */
  net: Fen
  status: 'processing' | 'paid' | 'failed'
  createdAt: Instant
  paidAt: Instant | null
  failedAt: Instant | null
  failReason: string | null
  /** The transfer's number at the provider (商家转账单号 in production). */
  transferId: string | null
  /** 商家转账 asks the payee to confirm receipt in the mini program with this; null when not needed. */
  packageInfo: string | null
}

/**
 * A group-buy campaign (拼团): an operator-edited document, validated on read. Members may never
 * join their own team; there is no setting for it.
 */
export interface GroupBuyCampaign {
  id: string
  title: string
  productId: string
  /** The SKUs sold at a team price, and that price. */
  skus: { skuId: string; teamPrice: Fen }[]
  /** Seats per team, 2–10. */
  teamSize: number
  /** How long a team has, from its leader's payment, to fill its seats. */
  timeLimitMs: number
  /** Seats the campaign may sell in all (each seat is one unit). */
  stock: number
  /** Teams one member may be in (holding or paid) in this campaign. */
  perMemberLimit: number
  startAt: Instant
  endAt: Instant
  enabled: boolean
  sort: number
}

export type SeatStatus = 'held' | 'paid' | 'released' | 'refunded'

/** A place in a team: held while its order waits for payment, then paid (or released / refunded). */
export interface Seat {
  memberId: string
  orderId: string
  skuId: string
  status: SeatStatus
  /** The hold lapses with the order's payment window. */
  heldUntil: Instant
  joinedAt: Instant
  paidAt: Instant | null
}

/**
 * opening: the leader's order waits for payment (no one can join yet); forming: open for joins until
 * `expiresAt`; succeeded: every seat paid; failed: time ran out, paid members refunded; cancelled:
 * the leader never paid.
 */
export type TeamStatus = 'opening' | 'forming' | 'succeeded' | 'failed' | 'cancelled'

export interface Team {
  id: string
  campaignId: string
  productId: string
  leaderId: string
  size: number
  status: TeamStatus
  seats: Seat[]
  openedAt: Instant
  /** Set when the leader pays: the team has until then to fill. */
  expiresAt: Instant | null
  succeededAt: Instant | null
  failedAt: Instant | null
}

/** A member's one-time consent to one subscription message (WeChat requestSubscribeMessage). */
export interface MessageOptIn {
  id: string
  memberId: string
  /** What the message is about, e.g. `groupbuy:<teamId>`. */
  topic: string
  at: Instant
}

/** A subscription message, sent at most once per opt-in; locally it stays in the outbox. */
export interface OutboxMessage {
  /** The opt-in it uses up. */
  id: string
  memberId: string
  template: 'groupbuy_result' | 'post_comment'
  data: Record<string, string>
  page: string
  at: Instant
  sentAt: Instant | null
}

export type CampaignType = 'flash_price' | 'groupbuy' | 'points_multiplier' | 'checkin_bonus' | 'new_member'

/** What each kind of campaign does, as validated (numbers already clamped to their hard caps). */
export type CampaignParams =
  | { type: 'flash_price'; productId: string; skus: { skuId: string; price: Fen }[]; stock: number }
  | { type: 'groupbuy'; groupBuyId: string }
  | { type: 'points_multiplier'; multiplier: number }
  | { type: 'checkin_bonus'; bonusPoints: number }
  | { type: 'new_member'; joinedWithinDays: number; amountOff: Fen; minSpend: Fen }

/** A campaign as the rules use it: from an operator-edited document, validated on every read. */
export interface Campaign {
  id: string
  type: CampaignType
  title: string
  enabled: boolean
  startAt: Instant
  endAt: Instant
  /** Who sees it: any of these tiers and any of these tags; null means no restriction. */
  audience: { tiers: Tier[] | null; tags: string[] | null }
  params: CampaignParams
}

/** One change operators made through the ops tools: who, when, and the document before and after. */
export interface AuditEntry {
  id: string
  at: Instant
  /** The operator's member id, or `ops-cli` for the local command line. */
  actor: string
  /** The staff roles the actor held when acting (absent on entries written before roles were kept). */
  roles?: StaffRole[]
  action: string
  target: string
  before: unknown
  after: unknown
}
