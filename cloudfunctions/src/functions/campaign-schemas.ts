/**
 * Payload schemas of the campaign function (campaigns, group-buy documents, the kill switch, the
 * report and the audit log), built from the shared parts in schema-parts.ts like every other schema.
 */
import * as v from 'valibot'
import { empty, entityId, instant, jsonDocument, object, pageRequest, shopDate } from './schema-parts'

const campaignInput = object({
  id: entityId,
  type: v.picklist(['flash_price', 'groupbuy', 'points_multiplier', 'checkin_bonus', 'new_member'], '不支持的活动类型'),
  title: v.pipe(v.string('应为字符串'), v.trim(), v.maxLength(40, '最多 40 个字')),
  enabled: v.boolean('应为布尔值'),
  startAt: instant,
  endAt: instant,
  audience: v.optional(
    object({
      tiers: v.optional(
        v.pipe(
          v.array(v.picklist([1, 2, 3, 4, 5], '等级应为 1–5'), '应为列表'),
          v.minLength(1, '至少一个等级'),
          v.maxLength(5, '最多 5 个'),
        ),
      ),
      tags: v.optional(
        v.pipe(
          v.array(v.pipe(v.string('应为字符串'), v.regex(/^[a-z0-9_:-]{1,32}$/, '标签格式不正确')), '应为列表'),
          v.minLength(1, '至少一个标签'),
          v.maxLength(20, '最多 20 个'),
        ),
      ),
    }),
  ),
  // Each type's parameters are checked (and clamped) by the campaign rules, the same as a console edit.
  params: v.record(v.string(), v.unknown(), '应为对象'),
})

export const campaignSchemas = {
  active: empty,
  list: empty,
  create: campaignInput,
  update: campaignInput,
  enable: object({ id: entityId }),
  disable: object({ id: entityId }),
  schedule: v.pipe(
    object({ id: entityId, startAt: instant, endAt: instant }),
    v.check((r) => r.endAt > r.startAt, '结束时间须晚于开始时间'),
  ),
  killSwitch: object({ on: v.boolean('应为布尔值') }),
  switchGroupBuy: object({ id: entityId, enabled: v.boolean('应为布尔值') }),
  // The document's fields are the group-buy reader's to judge; here only its shape, id and size.
  saveGroupBuy: object({
    doc: jsonDocument<{ id: string } & Record<string, unknown>>(
      10_000,
      '拼团文档应为带 id 的对象',
      '拼团文档过长',
      (d) => typeof d.id === 'string',
    ),
  }),
  audit: object({
    ...pageRequest,
    actor: v.optional(entityId),
    kind: v.optional(
      v.picklist(
        ['campaign', 'order', 'afterSale', 'member', 'catalog', 'settings', 'mall', 'distribution', 'post', 'comment', 'staff'],
        '不支持的操作类别',
      ),
    ),
    from: v.optional(shopDate),
    to: v.optional(shopDate),
  }),
  /** Shanghai days, both included, at most 366 of them. */
  report: v.pipe(
    object({ from: shopDate, to: shopDate }),
    v.check((r) => r.to >= r.from, '结束日期不能早于开始日期'),
    v.check((r) => Date.parse(r.to) - Date.parse(r.from) < 366 * 86_400_000, '最多 366 天'),
  ),
}
