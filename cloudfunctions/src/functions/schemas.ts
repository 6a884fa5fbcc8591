/**
 * Every action's payload schema (the merchandiser's in merchandising-schemas.ts, the campaign function's in
 * campaign-schemas.ts), built from the shared parts in schema-parts.ts.
 * Objects are strict: an unknown key is a bad request, and an array is never taken for an object.
 */
import * as v from 'valibot'
import { FEED_CURSOR_PATTERN } from '../core/feed-rank'
import {
  address,
  adjustment,
  distinct,
  empty,
  entityId,
  imageRef,
  instant,
  jsonDocument,
  lookup,
  object,
  pageRequest,
  parcelOf,
  recordId,
  requestKey,
  shopDate,
  text,
} from './schema-parts'

export const catalogSchemas = {
  categories: empty,
  products: object({
    ...pageRequest,
    categoryId: v.optional(entityId),
    sort: v.optional(v.picklist(['default', 'sales', 'newest', 'priceAsc', 'priceDesc'], '不支持的排序')),
    featured: v.optional(v.boolean('应为布尔值')),
  }),
  product: object({ id: recordId }),
  feed: object({
    ...pageRequest,
    cursor: v.optional(v.pipe(v.string('应为字符串'), v.maxLength(120, '过长'), v.regex(FEED_CURSOR_PATTERN, '不是本列表给出的位置'))),
  }),
  post: object({
    id: recordId,
    visitor: v.optional(v.pipe(v.string('应为字符串'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '应为 8–64 位字母数字'))),
  }),
  touch: object({
    entryId: v.pipe(v.string('应为字符串'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '应为 8–64 位字母数字')),
    scene: v.optional(v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负'), v.maxValue(99_999, '超出范围'))),
    shareCode: v.optional(v.pipe(v.string('应为字符串'), v.regex(/^[A-Z2-9]{4,16}$/, '格式不正确'))),
    postId: v.optional(entityId),
    campaignId: v.optional(entityId),
    productId: v.optional(entityId),
    path: v.pipe(v.string('应为字符串'), v.minLength(1, '不能为空'), v.maxLength(256, '过长'), v.regex(/^[\x21-\x7e]+$/, '格式不正确')),
  }),
}

const addressId = lookup(/^ad[0-9a-f]{22}$/)

export const memberSchemas = {
  profile: empty,
  tier: empty,
  tierHistory: empty,
  setBirthday: object({
    birthday: v.pipe(v.string('应为字符串'), v.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '格式应为 MM-DD')),
  }),
  // A nickname of 1–20 characters once trimmed; an avatar from the member's uploads.
  updateProfile: object({ nickname: v.optional(text(1, 20)), avatar: v.optional(imageRef) }),
  preferences: empty,
  // The book's addresses pass the same checks as the address an order ships to.
  addresses: empty,
  addAddress: object({ requestId: requestKey, address, makeDefault: v.optional(v.boolean('应为布尔值')) }),
  editAddress: object({ addressId, address, makeDefault: v.optional(v.boolean('应为布尔值')) }),
  deleteAddress: object({ addressId }),
  setDefaultAddress: object({ addressId }),
  setPreferences: object({ personalised: v.boolean('应为布尔值') }),
  deleteAccount: object({ confirm: v.pipe(v.string('应为字符串'), v.maxLength(20, '过长')) }),
  find: object({ query: text(1, 64) }),
  care: object({ memberId: recordId }),
  adjustPoints: object({
    memberId: recordId,
    amount: adjustment(10_000, '一次最多扣减 10000', '一次最多增加 10000'),
    reason: text(2, 100),
    requestId: requestKey,
  }),
  certifyCreator: object({ memberId: entityId, reason: text(1, 100) }),
  uncertifyCreator: object({ memberId: entityId, reason: text(1, 100) }),
}

const quantity = v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '至少 1 件'), v.maxValue(99, '最多 99 件'))
const points = v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负'), v.maxValue(100_000_000, '超出范围'))
const redemptionRef = v.pipe(v.string('应为字符串'), v.regex(/^rd[0-9a-f]{22}$/, '优惠券编号格式不正确'))
const orderItem = object({ skuId: entityId, quantity })
const orderItems = v.pipe(v.array(orderItem, '应为商品列表'), v.minLength(1, '请先选择商品'), v.maxLength(50, '一次最多 50 种商品'))
// An order's id, or the 19-digit number people read off the order page.
const orderId = lookup(/^o[0-9a-f]{23}$|^\d{19}$/)

const refundId = lookup(/^o[0-9a-f]{23}R\d{1,2}(_\d{1,2})*(-\d{1,3})?$/)

const orderTab = v.picklist(['all', 'unpaid', 'toShip', 'toReceive', 'done', 'closed', 'afterSale'], '不支持的订单状态')

/** One parcel: a known carrier and a tracking number of the form carriers use. */
const shipment = parcelOf({ orderId })

export const orderSchemas = {
  cart: empty,
  cartAdd: orderItem,
  cartUpdate: orderItem,
  cartRemove: object({
    skuIds: v.pipe(v.array(entityId, '应为规格列表'), v.minLength(1, '至少选择一件'), v.maxLength(50, '最多 50 件')),
  }),
  quote: object({ items: orderItems, usePoints: v.optional(points), couponId: v.optional(redemptionRef) }),
  create: object({
    requestId: requestKey,
    items: orderItems,
    address,
    remark: v.optional(text(0, 100)),
    usePoints: v.optional(points),
    couponId: v.optional(redemptionRef),
    expectedPayable: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负'), v.maxValue(100_000_000, '超出范围')),
  }),
  pay: object({ orderId }),
  list: object({
    ...pageRequest,
    tab: v.optional(v.picklist(['all', 'unpaid', 'toShip', 'toReceive', 'done', 'closed', 'afterSale'], '不支持的分类')),
  }),
  counts: empty,
  detail: object({ orderId }),
  cancel: object({ orderId }),
  confirmReceipt: object({ orderId }),
  requestRefund: object({
    orderId,
    lineIds: v.optional(
      v.pipe(
        v.array(v.pipe(v.string('应为字符串'), v.regex(/^o[0-9a-f]{23}-\d{1,2}$/, '商品行格式不正确')), '应为列表'),
        v.minLength(1, '至少选择一件'),
        v.maxLength(50, '最多 50 件'),
      ),
    ),
    // A picked reason (up to 9 characters) and '：', then the member's own words (up to 200).
    reason: text(1, 210),
    kind: v.optional(v.picklist(['refund', 'return'], '售后类型应为仅退款或退货退款')),
    photos: v.optional(v.pipe(v.array(imageRef, '应为图片列表'), v.maxLength(6, '最多 6 张图片'), v.check(distinct, '图片不能重复'))),
  }),
  sendReturn: parcelOf({ refundId }),
  withdrawRefund: object({ refundId }),
  refundCases: object({
    ...pageRequest,
    tab: v.optional(v.picklist(['reviewing', 'returning', 'returned', 'refunding', 'done'], '不支持的售后分类')),
  }),
  approveRefund: object({ refundId }),
  rejectRefund: object({ refundId, reason: text(2, 100) }),
  confirmReturn: object({ refundId }),
  ship: shipment,
  staffList: object({
    ...pageRequest,
    tab: v.optional(orderTab),
    orderId: v.optional(orderId),
    memberId: v.optional(entityId),
    phoneTail: v.optional(v.pipe(v.string('应为字符串'), v.regex(/^\d{4}$/, '请填写手机号后 4 位'))),
    from: v.optional(shopDate),
    to: v.optional(shopDate),
  }),
  export: object({
    tab: v.optional(orderTab),
    from: v.optional(shopDate),
    to: v.optional(shopDate),
  }),
  // Rows are loose here and checked one by one against `ship`, so one bad row never sinks the others.
  shipBatch: object({
    rows: v.pipe(
      v.array(
        object({
          orderId: v.pipe(v.string('应为字符串'), v.maxLength(64, '过长')),
          carrier: v.pipe(v.string('应为字符串'), v.maxLength(20, '过长')),
          trackingNo: v.pipe(v.string('应为字符串'), v.maxLength(40, '过长')),
        }),
        '应为发货行列表',
      ),
      v.minLength(1, '至少一行'),
      v.maxLength(200, '一次最多 200 行'),
    ),
  }),
}

export const pointsSchemas = {
  balance: empty,
  ledger: object(pageRequest),
  lots: empty,
  checkInStatus: empty,
  checkIn: empty,
  rules: empty,
}

const count = (max: number) =>
  v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负'), v.maxValue(max, `最大为 ${max}`))
const redemptionId = v.pipe(v.string('应为字符串'), v.regex(/^rd[0-9a-f]{22}$/, '兑换单号格式不正确'))

export const redeemSchemas = {
  items: object({
    kind: v.optional(v.picklist(['goods', 'coupon', 'privilege'], '不支持的类型')),
    affordable: v.optional(v.boolean('应为布尔值')),
  }),
  item: object({ id: recordId }),
  redeem: object({
    itemId: entityId,
    idempotencyKey: v.pipe(v.string('应为字符串'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '应为 8–64 位字母数字')),
    address: v.optional(address),
  }),
  mine: object(pageRequest),
  cancel: object({ redemptionId }),
  upsertItem: object({
    id: v.optional(entityId),
    kind: v.picklist(['goods', 'coupon', 'privilege'], '不支持的类型'),
    title: v.pipe(v.string('应为字符串'), v.trim(), v.minLength(1, '不能为空'), v.maxLength(40, '最多 40 个字')),
    subtitle: v.pipe(v.string('应为字符串'), v.maxLength(80, '最多 80 个字')),
    image: v.pipe(v.string('应为字符串'), v.regex(/^\/media\/[A-Za-z0-9/_.-]+$|^https:\/\/[\x21-\x7e]+$/, '图片地址格式不正确')),
    pointsPrice: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '至少 1 积分'), v.maxValue(10_000_000, '超出范围')),
    stock: count(1_000_000),
    tierMin: v.picklist([1, 2, 3, 4, 5], '等级应为 1–5'),
    limits: object({
      perDay: v.optional(count(1000)),
      perWeek: v.optional(count(1000)),
      perMonth: v.optional(count(1000)),
      ever: v.optional(count(1000)),
    }),
    startAt: instant,
    endAt: instant,
    status: v.picklist(['on', 'off'], '状态应为 on 或 off'),
    coupon: v.nullable(
      object({
        amountOff: count(100_000_000),
        minSpend: count(100_000_000),
        validDays: v.pipe(count(366), v.minValue(1, '至少 1 天')),
      }),
    ),
    privilege: v.nullable(object({ freeShippingDays: v.pipe(count(366), v.minValue(1, '至少 1 天')) })),
    sort: count(1_000_000),
  }),
  fulfil: parcelOf({ redemptionId }),
  toShip: object(pageRequest),
}

const memberRef = entityId
const fen = (max: number) =>
  v.pipe(v.number('应为数字'), v.integer('应为整数（分）'), v.minValue(1, '至少 1 分'), v.maxValue(max, '超出范围'))
// Stored as asked and clamped to the 30% cap when used, so an absurd rate is reported, not refused.
const bps = v.pipe(
  v.number('应为数字'),
  v.integer('应为整数（万分比）'),
  v.minValue(0, '不能为负'),
  v.maxValue(10_000, '最大为 10000（100%）'),
)

export const distributionSchemas = {
  apply: object({
    attestAdult: v.boolean('应为布尔值'),
    rulesVersion: v.pipe(v.string('应为字符串'), v.regex(/^[0-9A-Za-z.-]{1,20}$/, '规则版本格式不正确')),
  }),
  status: empty,
  share: object({ productId: recordId }),
  dashboard: empty,
  orders: object(pageRequest),
  commissions: object({
    ...pageRequest,
    status: v.optional(v.picklist(['pending', 'frozen', 'available', 'void'], '不支持的状态')),
  }),
  withdraw: object({
    amount: fen(100_000_000),
    requestId: requestKey,
    preview: v.optional(v.boolean('应为布尔值')),
  }),
  withdrawals: object(pageRequest),
  approve: object({ memberId: memberRef }),
  reject: object({ memberId: memberRef, reason: text(1, 100) }),
  setRates: v.pipe(
    object({
      defaultBps: v.optional(bps),
      products: v.optional(
        v.pipe(
          v.array(object({ productId: entityId, bps: v.nullable(bps) }), '应为列表'),
          v.minLength(1, '至少一件商品'),
          v.maxLength(100, '一次最多 100 件商品'),
        ),
      ),
    }),
    v.check((r) => r.defaultBps !== undefined || r.products !== undefined, '请给出默认比例或商品比例'),
  ),
  distributors: object({
    ...pageRequest,
    status: v.optional(v.picklist(['pending', 'approved', 'rejected', 'frozen'], '不支持的状态')),
  }),
  freeze: object({ memberId: memberRef, frozen: v.boolean('应为布尔值'), reason: v.optional(text(1, 100)) }),
}

const teamOrder = {
  skuId: entityId,
  requestId: requestKey,
  address,
  expectedPayable: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负'), v.maxValue(100_000_000, '超出范围')),
  subscribe: v.optional(v.boolean('应为布尔值')),
}

export const groupbuySchemas = {
  list: object({ ...pageRequest, productId: v.optional(entityId) }),
  detail: object({ id: recordId }),
  open: object({ ...teamOrder, campaignId: entityId }),
  join: object({ ...teamOrder, teamId: entityId }),
  mine: object(pageRequest),
  team: object({ teamId: recordId, poster: v.optional(v.boolean('应为布尔值')) }),
}

/** A cursor-paged listing: the previous page's `next` (`<time>_<post id>`) and a page size. */
const cursorRequest = {
  cursor: v.optional(v.pipe(v.string('应为字符串'), v.regex(/^\d{1,15}_[A-Za-z0-9_-]{1,64}$/, '翻页位置不正确'))),
  pageSize: pageRequest.pageSize,
}

export const postSchemas = {
  create: object({
    title: text(1, 30),
    body: text(1, 1000),
    images: v.pipe(v.array(imageRef, '应为图片列表'), v.maxLength(9, '最多 9 张图片'), v.check(distinct, '图片不能重复')),
    productIds: v.pipe(v.array(entityId, '应为商品列表'), v.maxLength(6, '最多关联 6 件商品'), v.check(distinct, '商品不能重复')),
    topicIds: v.optional(v.pipe(v.array(entityId, '应为话题列表'), v.maxLength(3, '最多选 3 个话题'), v.check(distinct, '话题不能重复'))),
    requestId: requestKey,
  }),
  mine: object(pageRequest),
  queue: object(pageRequest),
  approve: object({ postId: entityId }),
  reject: object({ postId: entityId, reason: text(1, 100) }),
  like: object({ postId: entityId }),
  unlike: object({ postId: entityId }),
  favourite: object({ postId: entityId }),
  unfavourite: object({ postId: entityId }),
  favourites: object(pageRequest),
  topics: empty,
  topic: object({ ...pageRequest, topicId: recordId }),
  badges: empty,
  staffTopics: empty,
  saveTopic: object({
    id: v.optional(entityId),
    name: text(1, 12),
    description: text(0, 100),
    enabled: v.boolean('应为布尔值'),
  }),
  comments: object({ ...pageRequest, postId: entityId, order: v.optional(v.picklist(['newest', 'liked'], '排序应为 newest 或 liked')) }),
  comment: object({ postId: entityId, parentId: v.optional(entityId), text: text(1, 500), requestId: requestKey }),
  deleteComment: object({ commentId: entityId }),
  likeComment: object({ commentId: entityId }),
  unlikeComment: object({ commentId: entityId }),
  notifyComments: object({ postId: entityId, requestId: requestKey }),
  moderation: object({ ...pageRequest, filter: v.optional(v.picklist(['held', 'hidden'], '筛选应为 held 或 hidden')) }),
  hideComment: object({ commentId: entityId, reason: text(1, 100) }),
  showComment: object({ commentId: entityId }),
  follow: object({ creatorId: entityId }),
  unfollow: object({ creatorId: entityId }),
  creator: object({ creatorId: recordId }),
  creatorPosts: object({ ...cursorRequest, creatorId: recordId }),
  following: object(cursorRequest),
}

const staffRole = v.picklist(['owner', 'merchandiser', 'service', 'finance'], '岗位应为 owner、merchandiser、service 或 finance')
const settingsName = v.picklist(['tiers', 'distribution', 'afterSale', 'points'], '设置应为 tiers、distribution、afterSale 或 points')

export const staffSchemas = {
  list: empty,
  grant: object({ memberId: entityId, role: staffRole }),
  revoke: object({ memberId: entityId, role: staffRole }),
  settings: object({ name: settingsName }),
  // The document's fields are the rules' to judge (the same reader as for the CloudBase console); here only its shape and size.
  saveSettings: object({
    name: settingsName,
    doc: jsonDocument(20_000, '设置应为一个对象', '设置内容过长'),
  }),
}
