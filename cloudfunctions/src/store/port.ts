import type { ProductSort } from '../../../types/api'
import type {
  AuditEntry,
  BuyerBinding,
  CartItem,
  Category,
  CommissionAccount,
  CommissionEntry,
  CommissionLine,
  CommissionStatus,
  Distributor,
  DistributorStatus,
  MessageOptIn,
  OutboxMessage,
  Team,
  TeamStatus,
  Withdrawal,
  ChannelDay,
  DomainEvent,
  GrowthEntry,
  Instant,
  LedgerEntry,
  Member,
  Order,
  OrderStatus,
  PaymentNotice,
  PointsAccount,
  PointsLot,
  Post,
  RedeemItem,
  Redemption,
  Product,
  Refund,
  Sku,
  TierChange,
  TierStatus,
  Touchpoint,
} from '../../../types/domain'

export interface ProductQuery {
  categoryId?: string
  featured?: boolean
  sort: ProductSort
  offset: number
  limit: number
}

export interface Slice<T> {
  items: T[]
  total: number
}

/** A touchpoint as stored: with the report channel it counts under. */
export interface StoredTouch extends Touchpoint {
  channel: string
}

/** An order with the version its next change must compare against. */
export interface VersionedOrder {
  order: Order
  version: number
}

/**
 * One change to an order and everything that must happen with it, applied atomically and only when
 * the order is still at `expectedVersion` (compare-and-set): a second, concurrent or retried change
 * computed from the same version is refused and changes nothing.
 */
export interface OrderChange {
  order: Order
  expectedVersion: number
  /** Domain events for the outbox; an event whose id is already there is not written again. */
  events: DomainEvent[]
  /** Put the order's reserved units back on the shelf (an unpaid order cancelled or expired). */
  releaseStock?: boolean
  /** A payment notification to record once under its transaction id. */
  payment?: PaymentNotice & { outcome: 'applied' | 'refused' }
  /** A refund record to write (created or updated). */
  refund?: Refund
}

export type PlaceOrderResult =
  | { placed: true }
  | { placed: false; reason: 'exists' }
  | { placed: false; reason: 'outOfStock'; skuId: string }
  /** A flash-priced line's campaign has no units left in its allotment. */
  | { placed: false; reason: 'flashSoldOut'; skuId: string }
  /** The order's new-member offer is already taken by another order of the member. */
  | { placed: false; reason: 'offerTaken' }

export interface OrderListQuery {
  memberId: string
  statuses?: readonly OrderStatus[]
  /** Only orders with a line being refunded or refunded. */
  afterSale?: boolean
  offset: number
  limit: number
}

/** Orders a timer job looks for: in `status` with the given instant before `before`. */
export interface DueOrdersQuery {
  status: 'created' | 'shipped' | 'received'
  before: Instant
  limit: number
}

/** A member's points as one unit of change: the account, its live and pending lots, and a version. */
export interface PointsState {
  account: PointsAccount
  lots: PointsLot[]
  version: number
}

/**
 * One change to a member's points, applied atomically and only at the expected version. A change
 * whose key was applied before is a duplicate: nothing is written.
 */
export interface PointsChange {
  memberId: string
  expectedVersion: number
  account: PointsAccount
  /** Lots created or changed. */
  lots: PointsLot[]
  entries: LedgerEntry[]
  /** The business event's idempotency key (`accrue:<orderId>`, `checkin:<member>:<day>` …). */
  key: string
}

export type PointsChangeResult = 'applied' | 'duplicate' | 'stale'

/** What a decision about a member's points asks to write. */
export interface PointsDecision {
  account: PointsAccount
  lots: PointsLot[]
  entries: LedgerEntry[]
}

/** Per member: the account's available balance, what its lots hold and what its ledger adds up to. */
export interface PointsTotals {
  memberId: string
  available: number
  lotRemainder: number
  ledgerSum: number
}

/** A distributor's money as one unit of change: the account, the lines and withdrawal asked for, and a version. */
export interface CommissionState {
  account: CommissionAccount
  /** The asked-for lines that exist. */
  lines: CommissionLine[]
  /** The asked-for withdrawal, when it exists. */
  withdrawal: Withdrawal | null
  version: number
}

/** What a decision about a distributor's money writes (lines and withdrawals created or changed). */
export interface CommissionWrite {
  account: CommissionAccount
  lines: CommissionLine[]
  withdrawals: Withdrawal[]
  entries: CommissionEntry[]
}

/** Per distributor: the balance and what its ledger adds up to. */
export interface CommissionTotals {
  distributorId: string
  available: number
  ledgerSum: number
}

/** A team as one unit of change, with what its rules look at: the campaign's seats and the member's. */
export interface TeamState {
  /** Null when the team does not exist yet (opening it). */
  team: Team | null
  version: number
  /** Seats the campaign has given out (held or paid, not yet given back). */
  taken: number
  /** The asking member's places (paid, or held and not lapsed) in teams of this campaign. */
  memberSeats: number
}

/** A team change and how many campaign seats it takes (+) or gives back (−). */
export interface TeamWrite {
  team: Team
  seatsDelta: number
}

/**
 * The store port: what the application services need from a database, in the business's words.
 * Each call is atomic on its own. Adapters: sqlite/ (local host) and cloudbase/ (production).
 */
export interface Store {
  /** Catalog upkeep (seed and operator tools). Products are written with their SKUs. */
  putCategory(category: Category): Promise<void>
  putProduct(product: Product): Promise<void>
  putPost(post: Post): Promise<void>
  putMember(member: Member): Promise<void>

  listCategories(): Promise<Category[]>
  /** Products on sale, with their SKUs. */
  listProducts(query: ProductQuery): Promise<Slice<Product>>
  /** A product with its SKUs, on sale or not; null when unknown. */
  findProduct(id: string): Promise<Product | null>
  findProducts(ids: readonly string[]): Promise<Product[]>
  /**
   * Approved posts, newest first — with `preferCategories`, posts linking a product of those
   * categories come first (each group newest first).
   */
  listFeed(offset: number, limit: number, preferCategories?: readonly string[]): Promise<Slice<Post>>
  findMember(id: string): Promise<Member | null>
  findMembers(ids: readonly string[]): Promise<Member[]>
  findMemberByShareCode(code: string): Promise<Member | null>
  /** A post in any status; null when unknown. */
  findPost(id: string): Promise<Post | null>
  /** Creates the member when absent; answers the stored member either way. */
  registerMember(member: Member): Promise<Member>
  /** Whether the store holds any catalog yet (seed runs only on an empty shop). */
  isEmpty(): Promise<boolean>

  /** Appends the touch once under its id; answers false when it was already recorded. */
  recordTouch(touch: StoredTouch): Promise<boolean>
  /** Categories of the products in the member's orders paid since `since`. */
  purchasedCategories(memberId: string, since: Instant): Promise<string[]>
  /** Whether the member's new-member offer of this campaign is held by an order (placed and not cancelled). */
  offerClaimed(campaignId: string, memberId: string): Promise<boolean>
  /** Units a flash campaign has sold (placed and not given back). */
  flashSold(campaignId: string): Promise<number>
  /** The member's latest touch at or after `since`, or null. */
  lastTouch(memberId: string, since: Instant): Promise<StoredTouch | null>
  /** Visits and distinct visitors per channel for touches at [from, to). */
  countVisitsByChannel(from: Instant, to: Instant): Promise<{ channel: string; visits: number; visitors: number }[]>
  /** Replaces the rolled-up rows of one day (so a rerun of the job writes the same thing). */
  replaceChannelDay(day: string, rows: readonly ChannelDay[]): Promise<void>
  listChannelDays(fromDay: string, toDay: string): Promise<ChannelDay[]>

  findSkus(ids: readonly string[]): Promise<Sku[]>

  listCart(memberId: string): Promise<CartItem[]>
  /** Puts a SKU in the member's cart at this quantity (replacing the previous quantity). */
  putCartItem(item: CartItem): Promise<void>
  removeCartItems(memberId: string, skuIds: readonly string[]): Promise<number>

  /**
   * Places an order atomically: takes each line's units from stock (never below zero) and, for a
   * flash-priced line, from its campaign's allotment (never beyond it), stores the order and removes
   * its SKUs from the member's cart. Nothing changes when any SKU lacks stock, an allotment is used
   * up, the order's new-member offer is held by another order, or the order id is already taken (a
   * retried create). Releasing stock gives all of these back.
   */
  placeOrder(order: Order): Promise<PlaceOrderResult>
  findOrder(id: string): Promise<VersionedOrder | null>
  listOrders(query: OrderListQuery): Promise<Slice<Order>>
  dueOrders(query: DueOrdersQuery): Promise<Order[]>
  /** Applies an order change when the order is still at the expected version; false otherwise. */
  commitOrderChange(change: OrderChange): Promise<boolean>
  findPayment(transactionId: string): Promise<(PaymentNotice & { outcome: 'applied' | 'refused' }) | null>
  findRefund(id: string): Promise<Refund | null>
  listRefunds(orderId: string): Promise<Refund[]>
  /** Refunds still waiting for the provider's answer, created after `after` and before `before`, oldest first. */
  waitingRefunds(after: Instant, before: Instant, limit: number): Promise<Refund[]>
  /** Outbox events at or after an instant, by time then id (consumers apply each id once). */
  listEvents(fromAt: Instant, limit: number): Promise<DomainEvent[]>

  /** The member's points; a member who never had any gets an empty account at version 0. */
  findPoints(memberId: string): Promise<PointsState>
  commitPointsChange(change: PointsChange): Promise<PointsChangeResult>
  /**
   * Reads the member's points, lets `decide` (pure, no I/O) compute the change and applies it, as
   * one atomic step once per key, however many callers race: 'nothing' when `decide` answers null.
   * An error thrown by `decide` leaves everything as it was.
   */
  updatePoints(
    memberId: string,
    key: string,
    decide: (state: PointsState) => PointsDecision | null,
  ): Promise<'applied' | 'duplicate' | 'nothing'>
  hasPointsKey(key: string): Promise<boolean>
  listLedger(memberId: string, offset: number, limit: number): Promise<Slice<LedgerEntry>>
  /** Members with available lots that expired before `before` and still hold points. */
  membersWithExpiredLots(before: Instant, limit: number): Promise<string[]>
  pointsTotals(afterMemberId: string, limit: number): Promise<PointsTotals[]>

  /** Records a growth entry once under its id; false when it was already there. */
  addGrowth(entry: GrowthEntry): Promise<boolean>
  /** The member's growth in (from, to]. */
  growthBetween(memberId: string, from: Instant, to: Instant): Promise<number>
  /** A member's tier status; a member without one holds their tier from joining for 12 months. */
  findTierStatus(memberId: string): Promise<TierStatus | null>
  /**
   * Moves a member to `next` (tier and keep-until) when their status is still `expected`
   * (compare-and-set), recording the change when the tier moves. False when someone moved first.
   */
  setTierStatus(expected: TierStatus, next: TierStatus, change: TierChange | null): Promise<boolean>
  listTierChanges(memberId: string): Promise<TierChange[]>
  /** Members whose kept tier is due for review before `before`, from `afterMemberId` on. */
  tierReviewsDue(before: Instant, afterMemberId: string, limit: number): Promise<TierStatus[]>

  putRedeemItem(item: RedeemItem): Promise<void>
  listRedeemItems(): Promise<RedeemItem[]>
  findRedeemItem(id: string): Promise<RedeemItem | null>
  /** When the member redeemed the item (cancelled redemptions excluded), for the limits. */
  redemptionTimes(memberId: string, itemId: string): Promise<Instant[]>
  findRedemption(id: string): Promise<Redemption | null>
  listRedemptions(memberId: string, offset: number, limit: number): Promise<Slice<Redemption>>
  /**
   * One redemption, all or nothing: `decide` (pure) sees the item, the member's redemption times of it
   * and their points, and answers the record and the points change, or throws to refuse. The store
   * takes one unit of stock (never below zero), applies the points change once under `key` and keeps
   * the record. A redemption whose id exists is answered as it is (a retry).
   */
  redeem(
    redemption: { id: string; memberId: string; itemId: string; key: string },
    decide: (context: { item: RedeemItem; redeemedAt: Instant[]; points: PointsState }) => {
      redemption: Redemption
      points: PointsDecision
    },
  ): Promise<{ redemption: Redemption; duplicate: boolean }>
  /**
   * Cancels a placed redemption once: the record becomes cancelled, the unit goes back to stock and
   * `decide`'s points change (the refund) applies under `key`. Null when it is no longer placed.
   */
  cancelRedemption(
    id: string,
    key: string,
    decide: (context: { redemption: Redemption; points: PointsState }) => { redemption: Redemption; points: PointsDecision },
  ): Promise<Redemption | null>
  /** The member's credited coupons and privileges (fulfilled redemptions of those kinds). */
  listCredits(memberId: string): Promise<Redemption[]>
  /** Marks an unused coupon as used by an order (compare-and-set); false when it is used already. */
  useCoupon(redemptionId: string, orderId: string): Promise<boolean>
  /** Gives a coupon back when the order that used it is cancelled; false when that order did not hold it. */
  releaseCoupon(redemptionId: string, orderId: string): Promise<boolean>
  /** Placed -> fulfilled, compare-and-set; null when it is not placed. */
  fulfilRedemption(id: string, at: Instant): Promise<Redemption | null>

  /** Member ids after `afterId`, in order (for jobs that visit every member). */
  listMemberIds(afterId: string, limit: number): Promise<string[]>
  /** Per member: their latest paid order ever, and paid orders and kept amount since `since`. */
  memberOrderStats(
    memberIds: readonly string[],
    since: Instant,
  ): Promise<{ memberId: string; lastPaidAt: Instant | null; orders: number; net: number }[]>
  /** Replaces a member's computed tags. */
  putMemberTags(memberId: string, tags: readonly string[], at: Instant): Promise<void>
  findMemberTags(memberId: string): Promise<string[]>

  findPreferences(memberId: string): Promise<unknown>
  putPreferences(memberId: string, doc: unknown): Promise<void>
  /**
   * Account deletion: writes the anonymised member and erases what identifies them — birthday, cart,
   * tags, bindings, message opt-ins, preferences, and the name, phone and address on their orders.
   * Orders, points and commission records stay (accounting), without personal data.
   */
  erasePersonalData(anonymous: Member): Promise<void>

  /** Records a member's birthday (MM-DD) once; false when one is already on file. */
  setBirthday(memberId: string, birthday: string): Promise<boolean>
  findBirthday(memberId: string): Promise<string | null>
  /** Members whose birthday is `birthday` (MM-DD), from `afterMemberId` on. */
  membersBornOn(birthday: string, afterMemberId: string, limit: number): Promise<string[]>

  /** An operator-edited settings document (e.g. `tiers`) as stored, unvalidated; null when absent. */
  findSettings(name: string): Promise<unknown>
  putSettings(name: string, doc: unknown): Promise<void>

  findDistributor(memberId: string): Promise<Distributor | null>
  /**
   * Writes a distributor's standing when it is still `expectedStatus` (null: the member never
   * applied), compare-and-set; false when someone moved it first.
   */
  saveDistributor(next: Distributor, expectedStatus: DistributorStatus | null): Promise<boolean>
  listDistributors(query: { status?: DistributorStatus; offset: number; limit: number }): Promise<Slice<Distributor>>

  findBinding(buyerId: string): Promise<BuyerBinding | null>
  /** Writes the buyer's binding when the stored one is still `expected` (null: none), compare-and-set. */
  saveBinding(expected: BuyerBinding | null, next: BuyerBinding): Promise<boolean>

  findCommissionLines(ids: readonly string[]): Promise<CommissionLine[]>
  commissionLinesOfOrder(orderId: string): Promise<CommissionLine[]>
  listCommissionLines(query: {
    distributorId: string
    status?: CommissionStatus
    offset: number
    limit: number
  }): Promise<Slice<CommissionLine>>
  /** The distributor's attributed orders, newest payment first, each with its commission lines. */
  listAttributedOrders(distributorId: string, offset: number, limit: number): Promise<Slice<{ orderId: string; lines: CommissionLine[] }>>
  /** Commission lines paid in [from, to) that are not void, for the earnings chart and this month's figures. */
  commissionLinesPaidBetween(distributorId: string, from: Instant, to: Instant): Promise<CommissionLine[]>
  /** The pending and frozen amounts (what is not in the account yet). */
  commissionInFlight(distributorId: string): Promise<{ pending: number; frozen: number }>
  /** Frozen lines due by `before`, by (availableAt, id) after the given position. */
  dueCommissionLines(before: Instant, after: { at: Instant; id: string } | null, limit: number): Promise<CommissionLine[]>
  findCommissions(distributorId: string, read: { lineIds: readonly string[]; withdrawalId?: string }): Promise<CommissionState>
  /**
   * Reads the distributor's account with the asked-for lines and withdrawal, lets `decide` (pure)
   * compute the change and applies it as one atomic step at the version read; a change computed from
   * a version someone else moved is decided again. 'nothing' when `decide` answers null; an error it
   * throws leaves everything as it was.
   */
  updateCommissions(
    distributorId: string,
    read: { lineIds: readonly string[]; withdrawalId?: string },
    decide: (state: CommissionState) => CommissionWrite | null,
  ): Promise<'applied' | 'nothing'>
  /**
   * Several `updateCommissions`, each atomic for its distributor; an adapter may commit them together
   * (SQLite: one transaction). Answers how many applied. For batch jobs, whose decisions do not throw.
   */
  updateCommissionsBatch(
    changes: readonly {
      distributorId: string
      read: { lineIds: readonly string[]; withdrawalId?: string }
      decide: (state: CommissionState) => CommissionWrite | null
    }[],
  ): Promise<number>
  findWithdrawal(id: string): Promise<Withdrawal | null>
  listWithdrawals(distributorId: string, offset: number, limit: number): Promise<Slice<Withdrawal>>
  /** Withdrawals still processing that were made before `before`, oldest first. */
  processingWithdrawals(before: Instant, limit: number): Promise<Withdrawal[]>
  listCommissionEntries(distributorId: string): Promise<CommissionEntry[]>
  commissionTotals(afterDistributorId: string, limit: number): Promise<CommissionTotals[]>

  /** Group-buy campaign documents as operators wrote them (validated by the caller on read). */
  putGroupBuy(doc: { id: string } & Record<string, unknown>): Promise<void>
  listGroupBuys(): Promise<unknown[]>
  findGroupBuy(id: string): Promise<unknown | null>
  findTeam(id: string): Promise<Team | null>
  /**
   * Reads the team (null when new) with the campaign's taken seats and the member's places, lets
   * `decide` (pure) compute the change and applies team and seat count as one atomic step at the
   * version read; a change computed from a moved version is decided again. Answers the team as
   * written, or null when `decide` answered null. An error `decide` throws changes nothing.
   */
  updateTeam(
    teamId: string,
    read: { campaignId: string; memberId?: string; now: Instant },
    decide: (state: TeamState) => TeamWrite | null,
  ): Promise<Team | null>
  /** Teams of a campaign in the given states, the fullest (most seats) first, then the oldest. */
  listTeams(query: { campaignId: string; statuses: readonly TeamStatus[]; offset: number; limit: number }): Promise<Slice<Team>>
  /** Teams the member has or had a seat in, newest first. */
  teamsOfMember(memberId: string, offset: number, limit: number): Promise<Slice<Team>>
  /** Forming teams whose time ran out by `before`. */
  teamsDue(before: Instant, limit: number): Promise<Team[]>
  /** Failed teams with a paid seat still to refund. */
  teamsAwaitingRefund(limit: number): Promise<Team[]>
  seatsTaken(campaignId: string): Promise<number>

  /** Records a one-time message opt-in once under its id; false when it was there. */
  recordOptIn(optIn: MessageOptIn): Promise<boolean>
  optInsFor(topic: string): Promise<MessageOptIn[]>
  /** Queues a message once per opt-in (its id); false when it was queued before. */
  queueMessage(message: OutboxMessage): Promise<boolean>
  listMessages(offset: number, limit: number): Promise<Slice<OutboxMessage>>
  markMessageSent(id: string, at: Instant): Promise<void>

  /**
   * Operator report reads, one page per call so a report over any range holds one page at a time.
   * Orders paid in [from, to) (paidAt), by (paidAt, id), after the given position.
   */
  ordersPaidBetween(from: Instant, to: Instant, after: { at: Instant; id: string } | null, limit: number): Promise<Order[]>
  /** Touches at [from, to), by (at, id), after the given position. */
  touchesBetween(from: Instant, to: Instant, after: { at: Instant; id: string } | null, limit: number): Promise<StoredTouch[]>
  /** What the shop owes in points: available and pending over every account, and available lot remainders expiring before `expiringBefore`. */
  pointsLiability(expiringBefore: Instant): Promise<{ available: number; pending: number; expiring: number }>

  /**
   * Stores a new member post under its id, atomically, only while its author has fewer than
   * `maxPending` member posts waiting for review: 'exists' when the id is taken (a retried create,
   * nothing written), 'limit' when the author is at the limit.
   */
  createPost(post: Post, maxPending: number): Promise<'created' | 'exists' | 'limit'>
  /** A member's posts in any status, newest first. */
  listPostsByAuthor(authorId: string, offset: number, limit: number): Promise<Slice<Post>>
  /** Member (UGC) posts in a status, oldest first: the moderation queue. */
  listPostsByStatus(status: Post['status'], offset: number, limit: number): Promise<Slice<Post>>
  /**
   * Records an operator's decision (`next`'s status, reviewedAt and rejectReason) while the stored
   * post is still `expected` (compare-and-set); false when someone decided first.
   */
  reviewPost(next: Post, expected: 'pending'): Promise<boolean>

  /** Campaign documents as operators wrote them (validated by the caller on read). */
  putCampaign(doc: { id: string } & Record<string, unknown>): Promise<void>
  listCampaigns(): Promise<unknown[]>
  findCampaign(id: string): Promise<unknown | null>
  appendAudit(entry: AuditEntry): Promise<void>
  /** The audit log, newest first. */
  listAudit(offset: number, limit: number): Promise<Slice<AuditEntry>>

  /** Where a consumer of the outbox got to. */
  readCursor(name: string): Promise<Instant>
  saveCursor(name: string, at: Instant): Promise<void>

  close(): Promise<void>
}
