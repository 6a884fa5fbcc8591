/**
 * The contract between the mini program and the cloud functions: for every function, every action's
 * payload (`req`) and answer (`res`). README.md's API section lists the same in prose.
 */
import type {
  AuditEntry,
  Campaign,
  Challenge,
  Category,
  CommissionLine,
  CommissionStatus,
  DistributorStatus,
  Fen,
  Instant,
  LedgerEntry,
  OrderLine,
  OrderStatus,
  PointsLot,
  PointsSource,
  PurchaseLimits,
  RedeemItem,
  RedeemItemKind,
  Redemption,
  SavedAddress,
  Withdrawal,
  Product,
  Refund,
  RefundKind,
  SafetyVerdict,
  Shipment,
  Role,
  Tier,
  TierChange,
  Topic,
  SeatStatus,
  Sku,
  StockAdjustment,
  StaffRole,
  TeamStatus,
} from './domain'

export interface Page<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
  hasMore: boolean
}

/** An audit entry as staff read it: who by name, and what was changed by name (an order by its number, an item by its title). */
export interface AuditEntryView extends AuditEntry {
  actorName: string
  targetName: string
}

/** A member as staff find them, and what matched. */
export interface MemberFound extends MemberView {
  createdAt: Instant
  matchedBy: 'order' | 'shareCode' | 'id' | 'nickname'
}

/** What a 客服 sees of one member. */
export interface MemberCareView {
  member: MemberView & { createdAt: Instant }
  tier: TierView
  points: { balance: PointsBalance; lots: PointsLot[]; ledger: LedgerEntry[]; ledgerTotal: number }
  orders: { items: OrderView[]; total: number }
  redemptions: { items: Redemption[]; total: number }
  /** null: never applied. */
  distributor: DistributorStatusView | null
  creator: CreatorStanding
}

/** A member's standing as a creator, for staff: 达人 or not (with why and since when), and how many follow them. */
export interface CreatorStanding {
  memberId: string
  certified: boolean
  reason: string | null
  certifiedAt: Instant | null
  followers: number
}

/** A product as a merchandiser writes it; SKUs without an id are new and start with `initialStock`. */
export interface ProductInput {
  id?: string
  requestId: string
  categoryId: string
  title: string
  subtitle: string
  detail: string
  images: string[]
  tags: string[]
  featured: boolean
  /** False: every tier pays the list price. */
  memberPrices: boolean
  /** Within the 30 % cap; null: the shop's default rate. */
  commissionBps: number | null
  limits: { perOrder: number | null; perMember: number | null; newMembersOnly: boolean } | null
  /** floorPrice: the cost floor (底价), null or absent for none; never above the list price. */
  skus: { id?: string; specs: Record<string, string>; price: Fen; floorPrice?: Fen | null; initialStock?: number }[]
}

export interface StockAdjustmentResult {
  sku: Sku
  adjustment: StockAdjustment
  /** The request was made before: nothing moved this time. */
  repeated: boolean
}

export interface PageRequest {
  /** 1-based; default 1. */
  page?: number
  /** 1–50; default 10. */
  pageSize?: number
}

export type StockState = 'inStock' | 'low' | 'soldOut'

export type ProductSort = 'default' | 'sales' | 'newest' | 'priceAsc' | 'priceDesc'

export interface ProductCard {
  id: string
  categoryId: string
  title: string
  subtitle: string
  cover: string
  tags: string[]
  /** Lowest list price over the SKUs. */
  price: Fen
  /** Lowest member price for the caller's tier; null for visitors or when it equals the list price. */
  memberPrice: Fen | null
  sales: number
  stockState: StockState
}

export interface SkuView {
  id: string
  specs: Record<string, string>
  price: Fen
  memberPrice: Fen | null
  stock: number
  stockState: StockState
}

export interface ProductDetail extends ProductCard {
  images: string[]
  detail: string
  /** Spec names with their values in SKU order, for the SKU picker. */
  specOptions: { name: string; values: string[] }[]
  skus: SkuView[]
  /** The caller's tier when signed in, for the "V4 会员价" label. */
  viewerTier: Tier | null
  /** The nearest tier above the caller's that pays less (visitors: the first tier with a member price); null when none. */
  memberOffer: { tier: Tier; memberPricePct: number } | null
  /** How much one order or one member may buy (the server enforces it); null when there is no limit. */
  limits: PurchaseLimits | null
}

export interface FeedPost {
  id: string
  title: string
  excerpt: string
  cover: string
  kind: 'pgc' | 'ugc'
  author: PostAuthor
  products: ProductCard[]
  /** How many members like it (觉得有用) and keep it (收藏): counts of their records. */
  likes: number
  favourites: number
  /** Whether the signed-in viewer likes it and keeps it (always false for a visitor). */
  liked: boolean
  favourited: boolean
  createdAt: Instant
}

/** A page of the feed: page 1 without a cursor, every further page with the cursor the page before gave. */
export interface FeedRequest {
  /** 1 without a cursor; with one, only echoed back. */
  page?: number
  pageSize?: number
  cursor?: string
}

/**
 * A page of the feed. It carries no total: counting every approved post would cost more than reading
 * the page, at any depth; `hasMore` and the cursor say whether and where it goes on.
 */
export interface FeedPage extends Omit<Page<FeedPost>, 'total'> {
  /** Where the next page starts; null after the last. */
  cursor: string | null
}

/** Who wrote a post, as the feed shows them; `certified` when staff certified them as 达人. */
export interface PostAuthor {
  id: string
  nickname: string
  avatar: string
  certified: boolean
}

export interface PostDetail extends FeedPost {
  body: string
  images: string[]
  /** Whether the signed-in viewer wrote it (they may then ask for 新评论提醒). */
  mine?: boolean
  /** The topics (#话题) it carries that are still on the operators' list, each opening its topic page. */
  topics?: { id: string; name: string }[]
}

export interface MemberView {
  id: string
  nickname: string
  avatar: string
  tier: Tier
  roles: Role[]
  shareCode: string
  /** Only in the answer to the member's own avatar change: the new avatar waits for content security, and others see the old one until it passes. */
  avatarPending?: boolean
}

/** What a member may change about how they appear: a nickname (1–20 characters once trimmed), an uploaded avatar. */
export interface ProfileRequest {
  nickname?: string
  avatar?: string
}

/** The member's address book: the default first, then the most recently used. */
export interface AddressBookView {
  addresses: SavedAddress[]
  /** How many addresses a book keeps at most. */
  limit: number
}

/** The book after an address was added or edited, and that address. */
export interface AddressSaved extends AddressBookView {
  address: SavedAddress
}

export interface TouchRequest {
  /** Client-made id of this entry, so a retried report is recorded once. */
  entryId: string
  scene?: number
  shareCode?: string
  postId?: string
  campaignId?: string
  productId?: string
  path: string
}

export interface Api {
  catalog: {
    categories: { req: Record<string, never>; res: Category[] }
    products: {
      req: PageRequest & { categoryId?: string; sort?: ProductSort; featured?: boolean }
      res: Page<ProductCard>
    }
    product: { req: { id: string }; res: ProductDetail }
    /** The 推荐 feed: ranked by engagement and recency, or newest first for members with personalisation off. */
    feed: { req: FeedRequest; res: FeedPage }
    /** An approved post; the opening counts as a view (once per member, or signed-out device key, per post and day). */
    post: { req: { id: string; visitor?: string }; res: PostDetail }
    touch: { req: TouchRequest; res: { recorded: boolean } }
    /** Staff (merchandiser): every product with its SKUs and stock, on the shelf or not, newest first. */
    staffProducts: { req: PageRequest & { text?: string; categoryId?: string; status?: 'on' | 'off' }; res: Page<Product> }
    /** Staff (merchandiser): on or off the shelf, audited. */
    shelve: { req: { productId: string; on: boolean }; res: Product }
    /** Staff (merchandiser): creates (off the shelf, once per request id) or edits a product with its SKUs; never writes existing SKUs' stock; audited. */
    saveProduct: { req: ProductInput; res: Product }
    /** Staff (merchandiser): creates or edits a category (name, icon, place); answers every category in order; audited. */
    saveCategory: { req: { id?: string; name: string; icon?: string; sort: number }; res: Category[] }
    /** Staff (merchandiser): ± shelf stock with a reason, once per request id, never below zero, audited. */
    adjustStock: { req: { skuId: string; delta: number; reason: string; requestId: string }; res: StockAdjustmentResult }
  }
  member: {
    profile: { req: Record<string, never>; res: MemberView }
    /** The member's own nickname and avatar (either or both); answers the updated profile. */
    updateProfile: { req: ProfileRequest; res: MemberView }
    tier: { req: Record<string, never>; res: TierView }
    tierHistory: { req: Record<string, never>; res: Omit<TierChange, 'memberId'>[] }
    /** Records the member's birthday (MM-DD) for the birthday gift; once only. */
    setBirthday: { req: { birthday: string }; res: { birthday: string } }
    preferences: { req: Record<string, never>; res: MemberPreferences }
    /** The member's own address book. */
    addresses: { req: Record<string, never>; res: AddressBookView }
    /** Adds an address (once per request id; an address already in the book is kept once); the first becomes the default. */
    addAddress: { req: { requestId: string; address: AddressInput; makeDefault?: boolean }; res: AddressSaved }
    editAddress: { req: { addressId: string; address: AddressInput; makeDefault?: boolean }; res: AddressSaved }
    /** Deleting the default makes the most recently used one the default. */
    deleteAddress: { req: { addressId: string }; res: AddressBookView }
    setDefaultAddress: { req: { addressId: string }; res: AddressBookView }
    setPreferences: { req: MemberPreferences; res: MemberPreferences }
    /**
     * Deletes the account: nickname, avatar, birthday, address book, addresses on orders, cart, tags, bindings and
     * message opt-ins are erased; orders, points and commission records stay, anonymised. The
     * confirmation must be the literal text 注销账号.
     */
    deleteAccount: { req: { confirm: string }; res: { deleted: true } }
    /** Staff (service): members by order number, share code, member id or nickname fragment (at most 20). */
    find: { req: { query: string }; res: MemberFound[] }
    /** Staff (service): one member's standing, points, orders, redemptions and distributor standing. */
    care: { req: { memberId: string }; res: MemberCareView }
    /** Staff (service): ± up to 10 000 points with a reason, once per request id, audited; a debit needs the points. */
    adjustPoints: { req: { memberId: string; amount: number; reason: string; requestId: string }; res: MemberCareView }
    /** Staff (owner): certifies the member as 达人 with a reason, audited; asking again changes nothing. */
    certifyCreator: { req: { memberId: string; reason: string }; res: CreatorStanding }
    /** Staff (owner): removes the 达人 certification with a reason, audited; without one, changes nothing. */
    uncertifyCreator: { req: { memberId: string; reason: string }; res: CreatorStanding }
  }
  order: OrderApi
  points: PointsApi
  redeem: RedeemApi
  distribution: DistributionApi
  groupbuy: GroupBuyApi
  campaign: CampaignApi
  post: PostApi
  staff: StaffApi
}

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
export type Req<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { req: infer R } ? R : never
export type Res<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { res: infer R } ? R : never

/** Local host only: the demo people offered at dev sign-in. */
export interface DemoPerson {
  id: string
  label: string
  member: MemberView
}

export interface DevLogin {
  token: string
  member: MemberView
}

export interface CartLineView {
  skuId: string
  productId: string
  title: string
  specs: Record<string, string>
  image: string
  unitPrice: Fen
  memberUnitPrice: Fen
  quantity: number
  stock: number
  stockState: StockState
  /** False when the product went off the shelf or the SKU was removed: it cannot be bought. */
  available: boolean
}

export interface CartView {
  items: CartLineView[]
  /** Units across available lines, for the tab badge. */
  count: number
}

export interface OrderItemRequest {
  skuId: string
  quantity: number
}

export interface QuoteView {
  /** The order lines the quote would create, before they have an order. */
  lines: Omit<OrderLine, 'id' | 'lineNo' | 'refundedAmount' | 'status' | 'distributorId'>[]
  goodsAmount: Fen
  memberDiscount: Fen
  couponDiscount: Fen
  pointsUsed: number
  pointsDeduction: Fen
  shipping: Fen
  payable: Fen
  /** Goods after member discount that ship free from here on. */
  freeShippingOver: Fen
  viewerTier: Tier
  /** The member's spendable points and the most this order may use (100 points = ¥1, at most half the goods). */
  points: { balance: number; maxUsable: number }
  /** The member's unused, unexpired coupons, and whether this order reaches each one's minimum spend. */
  coupons: { id: string; title: string; amountOff: Fen; minSpend: Fen; expiresAt: Instant; usable: boolean }[]
  /** A free-shipping privilege in force, until when; null when none. */
  freeShippingUntil: Instant | null
  /** A new-member offer the order takes when no coupon is chosen (shown in `couponDiscount`); null when none. */
  offer: { campaignId: string; title: string; amountOff: Fen; minSpend: Fen } | null
}

export interface AddressInput {
  name: string
  phone: string
  region: string
  detail: string
}

/** How the app asks the buyer to pay: WeChat Pay parameters in the mini program, the local provider locally. */
export type PaymentRequest =
  | { provider: 'wechat'; params: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string } }
  | { provider: 'local'; orderId: string; amount: Fen }

/** `afterSale`: orders with a line being refunded or refunded, whatever their status. */
export type OrderTab = 'all' | 'unpaid' | 'toShip' | 'toReceive' | 'done' | 'closed' | 'afterSale'

/** What waits on the buyer or the shop, as 我的 badges it: orders at each stage, and open after-sale cases. */
export interface OrderCounts {
  unpaid: number
  toShip: number
  toReceive: number
  /** Cases still open (in review, waiting for the return, or refunding), not orders once refunded. */
  afterSale: number
}

/** An order line as its buyer sees it (the attribution is the shop's business). */
export type OrderLineView = Omit<OrderLine, 'distributorId'>

export interface OrderView {
  id: string
  /** The 19-digit number people read and type (the id for orders placed before numbers were given); every action taking `orderId` accepts it. */
  orderNo: string
  status: OrderStatus
  lines: OrderLineView[]
  goodsAmount: Fen
  memberDiscount: Fen
  couponId: string | null
  couponDiscount: Fen
  pointsUsed: number
  pointsDeduction: Fen
  shipping: Fen
  payable: Fen
  refundedAmount: Fen
  address: AddressInput
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
  shipment: { carrier: string; trackingNo: string } | null
  /** What the buyer can do now. */
  can: { pay: boolean; cancel: boolean; confirmReceipt: boolean; refund: boolean }
}

/** An after-sale case as its buyer follows it. */
export interface RefundCaseView extends Refund {
  /** When the current wait ends (the shop's review, or the buyer's return window); null when nobody waits on a clock. */
  deadline: Instant | null
  can: { withdraw: boolean; sendReturn: boolean }
}

export type RefundCaseTab = 'reviewing' | 'returning' | 'returned' | 'refunding' | 'done'

/** An after-sale case as staff work it: the buyer, the order and the goods asked for. */
export interface StaffCaseView extends RefundCaseView {
  buyer: { memberId: string; nickname: string }
  order: { id: string; orderNo: string; status: OrderStatus; paidAt: Instant | null; shipment: Shipment | null }
  goods: { lineId: string; title: string; specs: Record<string, string>; image: string; quantity: number; amount: Fen }[]
}

export interface OrderDetailView extends OrderView {
  refunds: RefundCaseView[]
  /** The order's history, oldest first. */
  timeline: { at: Instant; label: string }[]
}

export interface OrderApi {
  cart: { req: Record<string, never>; res: CartView }
  cartAdd: { req: OrderItemRequest; res: CartView }
  cartUpdate: { req: OrderItemRequest; res: CartView }
  cartRemove: { req: { skuIds: string[] }; res: CartView }
  quote: { req: { items: OrderItemRequest[]; usePoints?: number; couponId?: string }; res: QuoteView }
  create: {
    req: {
      /** Client-made idempotency key: a retried create answers the first order. */
      requestId: string
      items: OrderItemRequest[]
      address: AddressInput
      remark?: string
      /** Points to deduct (capped by the rules and the balance, as in the quote). */
      usePoints?: number
      /** A coupon from the points mall (its redemption id). */
      couponId?: string
      /** The payable the buyer saw; a different server figure answers PRICE_CHANGED and places nothing. */
      expectedPayable: Fen
    }
    /** `payment` is null when the order can no longer be paid (a retried create of a paid order). */
    res: { order: OrderView; payment: PaymentRequest | null }
  }
  pay: { req: { orderId: string }; res: PaymentRequest }
  list: { req: PageRequest & { tab?: OrderTab }; res: Page<OrderView> }
  /** The caller's orders waiting at each stage, and their open after-sale cases. */
  counts: { req: Record<string, never>; res: OrderCounts }
  detail: { req: { orderId: string }; res: OrderDetailView }
  cancel: { req: { orderId: string }; res: OrderView }
  confirmReceipt: { req: { orderId: string }; res: OrderView }
  requestRefund: {
    req: { orderId: string; lineIds?: string[]; reason: string; kind?: RefundKind; photos?: string[] }
    res: OrderDetailView
  }
  /** The buyer's return parcel of an approved 退货退款. */
  sendReturn: { req: { refundId: string; carrier: string; trackingNo: string }; res: RefundCaseView }
  /** The buyer withdraws a case still waiting for review or for the return parcel. */
  withdrawRefund: { req: { refundId: string }; res: RefundCaseView }
  /** Staff (service): after-sale cases by stage, longest waiting first (finished ones newest first). */
  refundCases: { req: PageRequest & { tab?: RefundCaseTab }; res: Page<StaffCaseView> }
  approveRefund: { req: { refundId: string }; res: StaffCaseView }
  rejectRefund: { req: { refundId: string; reason: string }; res: StaffCaseView }
  /** Staff confirm the returned goods arrived; the refund goes out. */
  confirmReturn: { req: { refundId: string }; res: StaffCaseView }
  ship: { req: { orderId: string; carrier: string; trackingNo: string }; res: OrderView }
  /** Staff (service): every member's orders by stage, or one order by number, with the buyer and full address. */
  staffList: {
    req: PageRequest & { tab?: OrderTab; orderId?: string; memberId?: string; phoneTail?: string; from?: string; to?: string }
    res: Page<StaffOrderView>
  }
  /** Staff (service, finance): the filtered orders as CSV; full addresses only for service and owners. */
  export: { req: { tab?: OrderTab; from?: string; to?: string }; res: { filename: string; csv: string; rows: number } }
  /** Staff (service): ships up to 200 orders, each row on its own, each answered. */
  shipBatch: { req: { rows: { orderId: string; carrier: string; trackingNo: string }[] }; res: ShipRowResult[] }
}

/** An order as staff see it: the buyer's view plus who bought it. */
export interface StaffOrderView extends OrderView {
  buyer: { memberId: string; nickname: string }
}

/** One row of a batch shipment: shipped, or why not (a typed code and the reason). */
export interface ShipRowResult {
  /** 1-based, as the rows were sent. */
  row: number
  orderId: string
  ok: boolean
  code: string | null
  message: string | null
}

export interface PointsBalance {
  available: number
  pending: number
  debt: number
  /** Points in lots that expire within 30 days, and the first of those dates. */
  expiringSoon: { points: number; firstAt: Instant | null }
  /** What makes up `pending`, newest first: each purchase's points waiting for its order to complete. */
  pendingItems: { id: string; source: PointsSource; ref: string; amount: number; grantedAt: Instant }[]
}

export interface CheckInStatus {
  /** The Shanghai calendar day, YYYY-MM-DD. */
  today: string
  checkedInToday: boolean
  /** Consecutive days up to today (or yesterday, while today is still open). */
  streak: number
  /** What today's check-in gives (or gave). */
  todayPoints: number
  /** How today's figure is made: the streak reward (as in the table) and a campaign's extra, if any. */
  todayBreakdown: { streak: number; bonus: { points: number; title: string } | null }
  /** The last seven days, oldest first. */
  week: { day: string; checked: boolean }[]
  /** Points by streak day 1–7 for the caller's tier (day 7 and on get the last). */
  bonusTable: number[]
}

export interface PointsApi {
  balance: { req: Record<string, never>; res: PointsBalance }
  ledger: { req: PageRequest; res: Page<Omit<LedgerEntry, 'memberId'>> }
  lots: { req: Record<string, never>; res: Omit<PointsLot, 'memberId'>[] }
  checkInStatus: { req: Record<string, never>; res: CheckInStatus }
  checkIn: { req: Record<string, never>; res: CheckInStatus & { credited: number } }
  rules: { req: Record<string, never>; res: { sections: { title: string; lines: string[] }[] } }
}

export interface TierView {
  tier: Tier
  attainedAt: Instant
  /** The tier is kept until this instant, then reviewed on the rolling 12-month growth. */
  keepUntil: Instant
  /** Growth over the last 12 months. */
  growth: number
  next: { tier: Tier; growth: number; remaining: number } | null
  /** The birthday on file (MM-DD) for the birthday gift; null until the member records it (once). */
  birthday: string | null
  /** Every tier with the growth it needs and its benefits. */
  tiers: {
    tier: Tier
    growth: number
    memberPricePct: number
    pointsMultiplier: number
    freeShippingOver: Fen
    birthdayGiftPoints: number
    earlyAccessHours: number
  }[]
}

export interface RedeemItemView extends Omit<RedeemItem, 'stock' | 'status'> {
  stock: number
  stockState: StockState
  /** Whether the caller may redeem one now, and if not, why (Chinese, ready to show). */
  canRedeem: boolean
  refusal: string | null
  /** How many more the caller may redeem under the limits; null when no limit applies. */
  allowance: number | null
  /** The caller's spendable points (0 for visitors). */
  balance: number
}

export interface RedeemApi {
  items: { req: { kind?: RedeemItemKind; affordable?: boolean }; res: RedeemItemView[] }
  item: { req: { id: string }; res: RedeemItemView }
  /** One atomic step: limits, points (oldest lots first), stock, record. A retried key answers the first result. */
  redeem: { req: { itemId: string; idempotencyKey: string; address?: AddressInput }; res: Redemption }
  mine: { req: PageRequest; res: Page<Redemption> }
  /** Before fulfilment only; points and stock come back exactly once. */
  cancel: { req: { redemptionId: string }; res: Redemption }
  upsertItem: { req: Omit<RedeemItem, 'id'> & { id?: string }; res: RedeemItem }
  /** Staff (service): a goods redemption shipped, with its parcel. */
  fulfil: { req: { redemptionId: string; carrier: string; trackingNo: string }; res: Redemption }
  /** Staff (service): every member's goods redemptions waiting to ship, oldest first. */
  toShip: { req: PageRequest; res: Page<Redemption> }
}

/** The published distribution rules, as shown on the apply page. */
export interface DistributionRules {
  version: string
  sections: { title: string; lines: string[] }[]
}

export interface DistributorStatusView {
  /** null: the member never applied. */
  status: DistributorStatus | null
  /** The code the member's share cards carry once approved; null before. */
  code: string | null
  appliedAt: Instant | null
  decidedAt: Instant | null
  /** Why an application was rejected or the account frozen. */
  note: string
  /** Applications are approved at once when operators turned that on. */
  autoApprove: boolean
  rules: DistributionRules
}

/**
 * What a distributor's share of a product carries. `qr` is a ready image in the mini program
 * (a mini program code whose scene is `scene`); on the local host it is the page path the client
 * encodes as a QR of the H5 link.
 */
export interface SharePayload {
  code: string
  productId: string
  title: string
  /** Mini program path with the share code (`sc`). */
  path: string
  image: string
  /** Lowest list price, for the poster. */
  price: Fen
  /** `<code>_<productId>`, at most 32 characters (a mini program code's scene). */
  scene: string
  qr: { kind: 'image'; url: string } | { kind: 'path'; path: string }
}

export interface DistributorDashboard {
  code: string
  status: DistributorStatus
  pending: Fen
  frozen: Fen
  available: Fen
  /** Withdrawals on their way out. */
  processing: Fen
  withdrawn: Fen
  /** Clawbacks still to be repaid from future commissions. */
  debt: Fen
  /** This Shanghai calendar month. */
  month: { commission: Fen; orders: number; withdrawn: Fen }
  /** Commission per day for the last 30 Shanghai days (by payment day, void lines excluded), oldest first. */
  series: { day: string; amount: Fen }[]
  withdraw: { min: Fen; dailyCap: Fen; leftToday: Fen }
  rates: { defaultBps: number; capBps: number }
}

/** An attributed order as its distributor sees it: the buyer is a masked tag, never a name, phone or address. */
export interface AttributedOrderView {
  orderId: string
  /** Stable per distributor (e.g. 顾客·7F3A), so repeat buyers can be told apart without identity. */
  buyer: string
  paidAt: Instant
  lines: { title: string; image: string; quantity: number; base: Fen; commission: Fen; status: CommissionStatus }[]
  commission: Fen
}

export type CommissionLineView = Omit<CommissionLine, 'buyerId' | 'distributorId'> & { buyer: string }

export interface WithdrawalQuote {
  amount: Fen
  tax: Fen
  net: Fen
  /** Income already paid out this month; the tax is assessed on the month's total. */
  monthIncome: Fen
}

export type WithdrawalView = Omit<Withdrawal, 'distributorId'>

export interface DistributorAdminView {
  memberId: string
  nickname: string
  status: DistributorStatus
  code: string
  appliedAt: Instant
  decidedAt: Instant | null
  note: string
}

export interface DistributionApi {
  /** Free: an 18+ declaration and agreement to the published rules (their version) are all it takes. */
  apply: { req: { attestAdult: boolean; rulesVersion: string }; res: DistributorStatusView }
  status: { req: Record<string, never>; res: DistributorStatusView }
  share: { req: { productId: string }; res: SharePayload }
  dashboard: { req: Record<string, never>; res: DistributorDashboard }
  orders: { req: PageRequest; res: Page<AttributedOrderView> }
  commissions: { req: PageRequest & { status?: CommissionStatus }; res: Page<CommissionLineView> }
  /** `preview` answers the tax and net without withdrawing; a retried `requestId` answers the first withdrawal. */
  withdraw: {
    req: { amount: Fen; requestId: string; preview?: boolean }
    res: { quote: WithdrawalQuote; withdrawal: WithdrawalView | null }
  }
  withdrawals: { req: PageRequest; res: Page<WithdrawalView> }
  approve: { req: { memberId: string }; res: DistributorAdminView }
  reject: { req: { memberId: string; reason: string }; res: DistributorAdminView }
  /** Rates above the 30% cap are stored as asked, clamped when used, and reported here. */
  setRates: {
    req: { defaultBps?: number; products?: { productId: string; bps: number | null }[] }
    res: { defaultBps: number; products: { productId: string; bps: number | null }[]; clamped: string[] }
  }
  distributors: { req: PageRequest & { status?: DistributorStatus }; res: Page<DistributorAdminView> }
  /** Frozen: no new bindings or attributions, no settlement, no withdrawals, until unfrozen. */
  freeze: { req: { memberId: string; frozen: boolean; reason?: string }; res: DistributorAdminView }
}

/** A group-buy on the shelf: the product, the team price against the list price, the team size. */
export interface GroupBuyCard {
  id: string
  title: string
  productId: string
  productTitle: string
  cover: string
  /** Lowest list price and lowest team price over the campaign's SKUs. */
  price: Fen
  teamPrice: Fen
  teamSize: number
  timeLimitMs: number
  /** Seats the campaign can still sell. */
  stockLeft: number
  endAt: Instant
  /** Teams open for joining now. */
  openTeams: number
}

/** A member in a team as everyone sees them: nickname and avatar only. */
export interface SeatView {
  nickname: string
  avatar: string
  leader: boolean
  status: Exclude<SeatStatus, 'released'>
}

export interface TeamView {
  id: string
  campaignId: string
  title: string
  productId: string
  productTitle: string
  cover: string
  teamPrice: Fen
  size: number
  status: TeamStatus
  /** Held and paid seats (a held seat is someone paying right now), then refunded ones of a failed team. */
  seats: SeatView[]
  seatsLeft: number
  openedAt: Instant
  expiresAt: Instant | null
  succeededAt: Instant | null
  failedAt: Instant | null
  /** What the caller can do here: their seat and order, or whether and why not they may join. */
  viewer: { seat: Exclude<SeatStatus, 'released'> | null; orderId: string | null; canJoin: boolean; refusal: string | null }
  /**
   * The invite poster's QR, when asked for (`poster: true`): a mini program code whose scene is the
   * team id in production; locally the page path the client encodes as the H5 link.
   */
  qr?: SharePayload['qr']
}

export interface GroupBuyDetail extends GroupBuyCard {
  skus: { skuId: string; specs: Record<string, string>; price: Fen; teamPrice: Fen; stock: number }[]
  perMemberLimit: number
  /** Teams open for joining, fullest first, with their countdowns. */
  teams: TeamView[]
  /** Whether the caller may open a team now, and if not, why (Chinese, ready to show). */
  canOpen: boolean
  refusal: string | null
}

/** What opening or joining a team asks: one unit of a SKU at the team price, shipped free. */
export interface TeamOrderRequest {
  skuId: string
  /** Client-made idempotency key: a retried request answers the first seat and order. */
  requestId: string
  address: AddressInput
  /** The payable the buyer saw; a different server figure answers PRICE_CHANGED. */
  expectedPayable: Fen
  /** The member accepted the one-time group-buy result message (requestSubscribeMessage). */
  subscribe?: boolean
}

export interface GroupBuyApi {
  list: { req: PageRequest & { productId?: string }; res: Page<GroupBuyCard> }
  detail: { req: { id: string }; res: GroupBuyDetail }
  /** The leader's order at the team price; others may join once it is paid. */
  open: { req: TeamOrderRequest & { campaignId: string }; res: { team: TeamView; order: OrderView; payment: PaymentRequest | null } }
  /** Takes a seat for the payment window, then creates the order; TEAM_FULL when no seat is free. */
  join: { req: TeamOrderRequest & { teamId: string }; res: { team: TeamView; order: OrderView; payment: PaymentRequest | null } }
  mine: { req: PageRequest; res: Page<TeamView> }
  team: { req: { teamId: string; poster?: boolean }; res: TeamView }
}

/** A campaign in force as a member sees it. */
export type CampaignView = Pick<Campaign, 'id' | 'type' | 'title' | 'startAt' | 'endAt' | 'params'>

/** A campaign document as operators see it: what was stored, what the rules make of it, and why. */
/** A group-buy document as staff see it in the console, wrapped in a campaign or not. */
export interface GroupBuyAdminView {
  id: string
  title: string
  productId: string
  /** The document's own switch. */
  enabled: boolean
  startAt: Instant
  /** The one end shoppers see: the document's, or a wrapping campaign's when that ends first. */
  endAt: Instant
  /** Taking teams now: enabled, in its window, wrapping campaigns (if any) in force, kill switch off. */
  live: boolean
  /** Campaigns whose switches also stop it. */
  campaignIds: string[]
  /** Why the document is refused, or what was clamped. */
  problems: string[]
  /** The document as stored, for editing. */
  doc: unknown
}

/** A staff account as owners manage it. */
export interface StaffView {
  memberId: string
  nickname: string
  avatar: string
  roles: StaffRole[]
}

export interface StaffApi {
  /** Owners only: every staff account with its roles. */
  list: { req: Record<string, never>; res: StaffView[] }
  /** Owners only: gives a member a staff role (making them staff); audited. */
  grant: { req: { memberId: string; role: StaffRole }; res: StaffView }
  /** Owners only: takes a staff role away (the last role ends staff access; the last owner stays); audited. */
  revoke: { req: { memberId: string; role: StaffRole }; res: StaffView }
  /** Staff (finance): a settings document (tiers, distribution, afterSale) as stored, as the rules read it, and its problems. */
  settings: { req: { name: SettingsName }; res: SettingsView }
  /** Staff (finance): writes a settings document; answers how the rules read it (clamped values and problems named); audited. */
  saveSettings: { req: { name: SettingsName; doc: Record<string, unknown> }; res: SettingsView }
}

export type SettingsName = 'tiers' | 'distribution' | 'afterSale' | 'points'

export interface SettingsView {
  name: SettingsName
  /** The document as stored; null when none (the defaults apply). */
  doc: unknown
  /** What the rules use. */
  settings: unknown
  problems: string[]
}

export interface CampaignAdminView {
  id: string
  /** The document as stored (what the console shows). */
  doc: unknown
  /** As validated; null when the document is refused. */
  campaign: Campaign | null
  /** Why it was refused, or what was clamped. */
  problems: string[]
  /** Enabled, inside its window, and the kill switch off. */
  inForce: boolean
}

/**
 * What an operator writes: the document's fields, refused whole when unusable. Its type-specific `params`
 * are checked, and clamped to their hard caps, by the same rules that check documents edited in the
 * CloudBase console.
 */
export type CampaignInput = Omit<Campaign, 'audience' | 'params'> & {
  audience?: { tiers?: Tier[]; tags?: string[] }
  params: Record<string, unknown>
}

export interface CampaignApi {
  /** Campaigns in force for the caller (audience by tier and tags); none while the kill switch is on. */
  active: { req: Record<string, never>; res: CampaignView[] }
  list: { req: Record<string, never>; res: { killSwitch: boolean; campaigns: CampaignAdminView[]; groupBuys: GroupBuyAdminView[] } }
  /** Switches a group-buy by its own document (whether or not a campaign wraps it); audited. */
  switchGroupBuy: { req: { id: string; enabled: boolean }; res: GroupBuyAdminView }
  /**
   * Creates or replaces a group-buy document (merchandiser), read by the rules' own reader: a document
   * they would ignore is refused, a clamped value is saved and named; the product and its SKUs must
   * exist, and the product cannot change once anyone has joined. Audited.
   */
  saveGroupBuy: { req: { doc: { id: string } & Record<string, unknown> }; res: GroupBuyAdminView }
  create: { req: CampaignInput; res: CampaignAdminView }
  update: { req: CampaignInput; res: CampaignAdminView }
  enable: { req: { id: string }; res: CampaignAdminView }
  disable: { req: { id: string }; res: CampaignAdminView }
  schedule: { req: { id: string; startAt: Instant; endAt: Instant }; res: CampaignAdminView }
  /** Visits -> buyers -> GMV by channel, post and distributor; points and commission liability; campaign results. */
  report: { req: { from: string; to: string }; res: ShopReport }
  /** On: every campaign (and group-buy) stops at once, until it is switched off. */
  killSwitch: { req: { on: boolean }; res: { killSwitch: boolean } }
  /** Staff (finance): the audit log by actor, kind of change and Shanghai days (both included), newest first. */
  audit: {
    req: PageRequest & {
      actor?: string
      kind?: 'campaign' | 'order' | 'afterSale' | 'member' | 'catalog' | 'settings' | 'mall' | 'distribution' | 'post' | 'comment' | 'staff'
      from?: string
      to?: string
    }
    res: Page<AuditEntryView>
  }
}

/** A member's post (种草) as its author writes it: text, up to 9 images, linked products. */
export interface PostInput {
  title: string
  body: string
  /** Uploaded images: `cloud://` file ids in production, `/media/uploads/...` locally. */
  images: string[]
  productIds: string[]
  /** Topics (#话题) from the operators' list, enabled ones only; at most 3. */
  topicIds?: string[]
  /** Client-made idempotency key: a retried create answers the first post. */
  requestId: string
}

export interface MyPostView {
  id: string
  title: string
  body: string
  cover: string
  images: string[]
  productIds: string[]
  status: 'pending' | 'approved' | 'rejected'
  rejectReason: string | null
  createdAt: Instant
  reviewedAt: Instant | null
  /**
   * WeChat content security on the post's images (mediaCheckAsync, answered later): none (no images),
   * pending, review (a person should look), pass, or risky (the post can never be approved).
   */
  imagesSafety?: 'none' | 'pending' | 'review' | 'pass' | 'risky'
}

export interface QueuedPostView extends MyPostView {
  author: { id: string; nickname: string; avatar: string }
  /** The linked products by name, in the post's order (a product since removed keeps its id as title). */
  products: { id: string; title: string }[]
}

/** A post's likes and favourites as the member who asked now sees them. */
export interface PostReactionView {
  postId: string
  liked: boolean
  favourited: boolean
  likes: number
  favourites: number
}

/** One of 我的收藏: the post as the feed shows it, or null when it is no longer published. */
export interface FavouriteView {
  postId: string
  favouritedAt: Instant
  post: FeedPost | null
}

/** A topic (#话题) as members see it. */
export interface TopicView {
  id: string
  name: string
  description: string
}

/** A 打卡 challenge of a topic and, for a signed-in member, how far they are. */
export interface ChallengeView extends Challenge {
  state: 'upcoming' | 'running' | 'ended'
  /** Distinct Shanghai days with an approved post in the topic within the window; null for a visitor. */
  progress: { days: number; completed: boolean } | null
}

/** A topic's page: the topic, its approved posts newest first, and its challenges. */
export interface TopicPageView {
  topic: TopicView
  posts: Page<FeedPost>
  challenges: ChallengeView[]
}

/** Staff: a new topic (no id) or a change to one. */
export interface TopicInput {
  id?: string
  name: string
  description: string
  enabled: boolean
}

/** A listing read on from a cursor: `next` continues it (null at its end). */
export interface CursorPage<T> {
  items: T[]
  next: string | null
}

/** A cursor-paged request: `cursor` is the previous page's `next`; pageSize 1–50, default 10. */
export interface CursorRequest {
  cursor?: string
  pageSize?: number
}

/** Whether the viewer follows the creator, and how many follow them (a count of follow records). */
export interface FollowView {
  creatorId: string
  following: boolean
  followers: number
}

/** A creator's page: who they are, their badges, the likes their approved posts received and their followers. */
export interface CreatorView {
  id: string
  nickname: string
  avatar: string
  /** Certified as 达人 by staff. */
  certified: boolean
  /** The challenge badges they earned, newest first. */
  badges: BadgeView[]
  /** Like records on their approved posts. */
  likesReceived: number
  followers: number
  /** Whether the signed-in viewer follows them (false for a visitor). */
  following: boolean
  /** The viewer is this creator (who cannot follow themselves). */
  self: boolean
}

/** A badge a member holds: a completed challenge. */
export interface BadgeView {
  challengeId: string
  badge: string
  at: Instant
}

/** A comment as the viewer sees it; a reply carries the top-level comment it answers. */
export interface CommentView {
  id: string
  postId: string
  parentId: string | null
  /** Null once the author deleted their account (shown as 已注销用户). */
  author: { id: string; nickname: string; avatar: string } | null
  text: string
  likes: number
  liked: boolean
  createdAt: Instant
  /** Whether the viewer wrote it (and may delete it). */
  mine: boolean
  /** Only the author sees their own comment while content security has not passed it (审核中). */
  safety: SafetyVerdict
  /** Replies, oldest first (top-level comments only). */
  replies: CommentView[]
}

/** A comment waiting in the moderation queue: held by content security, or hidden by staff. */
export interface ModeratedCommentView {
  id: string
  postId: string
  postTitle: string
  author: { id: string; nickname: string } | null
  text: string
  safety: SafetyVerdict
  state: 'shown' | 'hidden' | 'deleted'
  createdAt: Instant
}

export interface CommentInput {
  postId: string
  /** The top-level comment replied to, if any (one level of replies). */
  parentId?: string
  text: string
  /** Client-made idempotency key: a retried comment answers the first one. */
  requestId: string
}

export interface PostApi {
  create: { req: PostInput; res: MyPostView }
  mine: { req: PageRequest; res: Page<MyPostView> }
  queue: { req: PageRequest; res: Page<QueuedPostView> }
  /** Once: the author's post reward (points and growth) is granted with the first approval only. */
  approve: { req: { postId: string }; res: QueuedPostView }
  reject: { req: { postId: string; reason: string }; res: QueuedPostView }
  /** Once per member and post, approved posts only; asking again changes nothing. No points or growth. */
  like: { req: { postId: string }; res: PostReactionView }
  /** Takes the member's like back; without one, changes nothing. */
  unlike: { req: { postId: string }; res: PostReactionView }
  /** Keeps the post in 我的收藏: once per member and post, approved posts only. No points or growth. */
  favourite: { req: { postId: string }; res: PostReactionView }
  unfavourite: { req: { postId: string }; res: PostReactionView }
  /** 我的收藏: the member's favourites, newest first. */
  favourites: { req: PageRequest; res: Page<FavouriteView> }
  /** The enabled topics a post can carry, in the operators' order. */
  topics: { req: Record<string, never>; res: TopicView[] }
  /** A topic's page; `TOPIC_NOT_FOUND` when unknown or disabled. */
  topic: { req: PageRequest & { topicId: string }; res: TopicPageView }
  /** The caller's badges, newest first. */
  badges: { req: Record<string, never>; res: BadgeView[] }
  /** Staff (service): every topic, enabled or not. */
  staffTopics: { req: Record<string, never>; res: Topic[] }
  /** Staff (service): creates or changes a topic, audited; `TOPIC_EXISTS` when another topic has the name. */
  saveTopic: { req: TopicInput; res: Topic }
  /** Comments on a published post, top-level newest or most-liked first, each with its replies. */
  comments: { req: PageRequest & { postId: string; order?: 'newest' | 'liked' }; res: Page<CommentView> }
  /** Up to 500 characters on a published post, at most 20 a Shanghai day; checked by content security first. No points. */
  comment: { req: CommentInput; res: CommentView }
  /** The author deletes their own comment. */
  deleteComment: { req: { commentId: string }; res: { commentId: string; deleted: true } }
  /** One like per member and comment; asking again changes nothing. No points. */
  likeComment: { req: { commentId: string }; res: { commentId: string; liked: boolean; likes: number } }
  unlikeComment: { req: { commentId: string }; res: { commentId: string; liked: boolean; likes: number } }
  /** The post's author asks to be told of the next new comment (one subscription message per opt-in). */
  notifyComments: { req: { postId: string; requestId: string }; res: { postId: string; subscribed: true } }
  /** Staff: comments held by content security or hidden, newest first. */
  moderation: { req: PageRequest & { filter?: 'held' | 'hidden' }; res: Page<ModeratedCommentView> }
  /** Staff: hides any comment, or shows one again (a held one passed by a person); audited. */
  hideComment: { req: { commentId: string; reason: string }; res: ModeratedCommentView }
  showComment: { req: { commentId: string }; res: ModeratedCommentView }
  /** Follows a member who has approved posts (not oneself); asking again changes nothing. Nothing is rewarded. */
  follow: { req: { creatorId: string }; res: FollowView }
  /** Stops following; without a follow, changes nothing. */
  unfollow: { req: { creatorId: string }; res: FollowView }
  /** A creator's page; `CREATOR_NOT_FOUND` for a member with no approved post who is not 达人. */
  creator: { req: { creatorId: string }; res: CreatorView }
  /** A creator's approved posts, newest first, from a cursor. */
  creatorPosts: { req: CursorRequest & { creatorId: string }; res: CursorPage<FeedPost> }
  /** 关注: approved posts of the creators the member follows, newest first, from a cursor. */
  following: { req: CursorRequest; res: CursorPage<FeedPost> }
}

/** One row of the touchpoint report. */
export interface ReportRow {
  key: string
  label: string
  visits: number
  visitors: number
  /** Of those visitors, the members who paid an order credited to this row in the range (a subset of them). */
  buyers: number
  /** Every paid order credited to this row in the range, including those of people who came in earlier. */
  orders: number
  /** Paid goods and shipping, net of refunds. */
  gmv: Fen
}

/** A post's row: how often it was opened and what it brought in the range, and how many members like and keep it now (counts of their records). */
export interface PostReportRow extends ReportRow {
  /** Openings of the post's page in the range, once per member (or signed-out device) per day. */
  views: number
  likes: number
  favourites: number
  /** Comments others can see now. */
  comments: number
}

/** One topic in the report: its approved posts and the distinct members who wrote them. */
export interface TopicReportRow {
  id: string
  name: string
  enabled: boolean
  posts: number
  participants: number
}

/**
 * One challenge in the report: members with an approved post in its topic within its window, those
 * whose posts reach the days asked for, and the completions recorded (reward and badge granted).
 */
export interface ChallengeReportRow {
  id: string
  title: string
  topicId: string
  startAt: Instant
  endAt: Instant
  participants: number
  reached: number
  completions: number
}

export interface ShopReport {
  /** Shanghai days, inclusive. */
  from: string
  to: string
  generatedAt: Instant
  totals: { visits: number; visitors: number; buyers: number; orders: number; gmv: Fen }
  byChannel: ReportRow[]
  byPost: PostReportRow[]
  byDistributor: ReportRow[]
  /** GMV per Shanghai day of the range. */
  daily: { day: string; gmv: Fen; orders: number }[]
  points: { outstanding: number; pending: number; expiringIn30Days: number }
  commissions: { pending: Fen; frozen: Fen; available: Fen; processing: Fen }
  campaigns: { id: string; title: string; type: string; inForce: boolean; orders: number; gmv: Fen }[]
  /** Per topic: approved posts and the members who wrote them. */
  topics: TopicReportRow[]
  /** Per 打卡 challenge: participants and completions. */
  challenges: ChallengeReportRow[]
  /** What operators should fix: ignored or clamped campaign, group-buy and challenge documents. */
  problems: string[]
}

export interface MemberPreferences {
  /**
   * On (the default): the 推荐 feed is ranked by what members do with the posts (likes, comments,
   * favourites, orders) and their recency, and the member is tagged in segments that campaigns may
   * target. Off: the feed is newest first, no segment tags, so campaigns aimed at tags do not reach them.
   */
  personalised: boolean
}
