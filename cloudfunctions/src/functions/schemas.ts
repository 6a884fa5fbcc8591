/** Every action's payload schema, in one place. Objects are strict: an unknown key is a bad request. */
import * as v from 'valibot'

const entityId = v.pipe(
  v.string('应为字符串'),
  v.minLength(1, '不能为空'),
  v.maxLength(64, '过长'),
  v.regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、下划线和连字符'),
)

const pageRequest = {
  page: v.optional(v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '最小为 1'), v.maxValue(10_000, '最大为 10000'))),
  pageSize: v.optional(v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '最小为 1'), v.maxValue(50, '最大为 50'))),
}

const empty = v.strictObject({}, '不接受任何参数')

export const catalogSchemas = {
  categories: empty,
  products: v.strictObject({
    ...pageRequest,
    categoryId: v.optional(entityId),
    sort: v.optional(v.picklist(['default', 'sales', 'newest', 'priceAsc', 'priceDesc'], '不支持的排序')),
    featured: v.optional(v.boolean('应为布尔值')),
  }),
  product: v.strictObject({ id: entityId }),
  feed: v.strictObject(pageRequest),
  touch: v.strictObject({
    entryId: v.pipe(v.string('应为字符串'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '应为 8–64 位字母数字')),
    scene: v.optional(v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负'), v.maxValue(99_999, '超出范围'))),
    shareCode: v.optional(v.pipe(v.string('应为字符串'), v.regex(/^[A-Z2-9]{4,16}$/, '格式不正确'))),
    postId: v.optional(entityId),
    campaignId: v.optional(entityId),
    productId: v.optional(entityId),
    path: v.pipe(v.string('应为字符串'), v.minLength(1, '不能为空'), v.maxLength(256, '过长'), v.regex(/^[\x21-\x7e]+$/, '格式不正确')),
  }),
}

export const memberSchemas = {
  profile: empty,
}
