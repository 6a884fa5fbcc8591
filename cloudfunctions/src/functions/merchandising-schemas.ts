/**
 * Payload schemas of the merchandiser's actions (the catalog function's staff side), built from the
 * shared parts in schema-parts.ts like every other schema.
 */
import * as v from 'valibot'
import { adjustment, distinct, entityId, imageRef, object, pageRequest, recordId, requestKey, text } from './schema-parts'

/** A product image: an uploaded one, or one of the shop's own product images. */
const productImage = v.union(
  [imageRef, v.pipe(v.string('应为字符串'), v.regex(/^\/media\/products\/[A-Za-z0-9_-]{1,64}\.(jpg|png|webp)$/, '图片地址格式不正确'))],
  '图片地址格式不正确',
)
const upTo = (max: number) => v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '至少为 1'), v.maxValue(max, `最多 ${max}`))
const specs = v.pipe(
  v.record(text(1, 10), text(1, 20), '规格应为 名称→值'),
  v.check((s) => Object.keys(s).length >= 1 && Object.keys(s).length <= 3, '每个规格 1–3 项'),
)

export const merchandisingSchemas = {
  staffProducts: object({
    ...pageRequest,
    text: v.optional(text(1, 30)),
    categoryId: v.optional(entityId),
    status: v.optional(v.picklist(['on', 'off'], '状态应为 on 或 off')),
  }),
  shelve: object({ productId: recordId, on: v.boolean('应为布尔值') }),
  saveProduct: object({
    id: v.optional(recordId),
    requestId: requestKey,
    categoryId: entityId,
    title: text(1, 30),
    subtitle: text(0, 40),
    detail: text(0, 2000),
    images: v.pipe(
      v.array(productImage, '应为图片列表'),
      v.minLength(1, '至少 1 张图片'),
      v.maxLength(9, '最多 9 张图片'),
      v.check(distinct, '图片不能重复'),
    ),
    tags: v.pipe(v.array(text(1, 8), '应为标签列表'), v.maxLength(5, '最多 5 个标签'), v.check(distinct, '标签不能重复')),
    featured: v.boolean('应为布尔值'),
    memberPrices: v.boolean('应为布尔值'),
    commissionBps: v.nullable(
      v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负'), v.maxValue(3_000, '佣金比例不能超过 30%')),
    ),
    limits: v.nullable(
      object({ perOrder: v.nullable(upTo(999)), perMember: v.nullable(upTo(999)), newMembersOnly: v.boolean('应为布尔值') }),
    ),
    skus: v.pipe(
      v.array(
        object({
          id: v.optional(entityId),
          specs,
          price: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '价格至少 1 分'), v.maxValue(100_000_000, '价格过高')),
          floorPrice: v.optional(
            v.nullable(
              v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '底价不能为负'), v.maxValue(100_000_000, '底价过高')),
            ),
          ),
          initialStock: v.optional(
            v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负'), v.maxValue(1_000_000, '过多')),
          ),
        }),
        '应为规格列表',
      ),
      v.minLength(1, '至少 1 个规格'),
      v.maxLength(50, '最多 50 个规格'),
    ),
  }),
  saveCategory: object({
    id: v.optional(entityId),
    name: text(1, 8),
    icon: v.optional(productImage),
    sort: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负'), v.maxValue(9_999, '最大为 9999')),
  }),
  adjustStock: object({
    skuId: recordId,
    delta: adjustment(100_000, '一次最多减少 100000 件', '一次最多增加 100000 件'),
    reason: text(2, 100),
    requestId: requestKey,
  }),
}
