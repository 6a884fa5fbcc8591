import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FunctionName, OrderDetailView, OrderView, QuoteView } from '../../types/api'
import type { Redemption, Refund } from '../../types/domain'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { changePoints, grant } from '../../cloudfunctions/src/app/points'
import { requestRefund } from '../../cloudfunctions/src/app/refunds'
import { RULES_VERSION } from '../../cloudfunctions/src/core/distribution'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch, type ActionDef } from '../../cloudfunctions/src/functions/runtime'
import { HostClock } from '../../cloudfunctions/src/local/clock'
import { createHost } from '../../cloudfunctions/src/local/host'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { MEDIA_DIR } from '../../cloudfunctions/src/local/paths'
import { SessionKeys } from '../../cloudfunctions/src/local/sessions'
import type { CollectionRef, Transaction } from '../../cloudfunctions/src/store/cloudbase/database'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import type { Store } from '../../cloudfunctions/src/store/port'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { CloudbaseDatabaseDouble } from '../doubles/cloudbase-database.double'
import { tableRows } from '../support/invariants'
import { SteppedClock, T0, groupBuyDoc, member, order, post, smallShop } from '../support/fixtures'
import { saveMember } from '../../cloudfunctions/src/app/members'

const DAY = 86_400_000
const ADDRESS = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }
const SHOP_RETURN_ADDRESS = { name: '售后部', phone: '02112345678', region: '上海市 闵行区', detail: '申长路 1 号 仓库' }

// The platform context the CloudBase entries read (cloud.getWXContext()), set per call by the tests;
// the database behind them is the CloudBase test double.
const platform = vi.hoisted(() => ({ context: {} as Record<string, unknown>, database: null as unknown }))
vi.mock('wx-server-sdk', () => ({
  default: {
    DYNAMIC_CURRENT_ENV: Symbol('current env'),
    init: () => undefined,
    getWXContext: () => platform.context,
    database: () => platform.database,
    cloudPay: {
      unifiedOrder: async () => ({ payment: { timeStamp: '0', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' } }),
      refund: async () => ({}),
    },
    openapi: {
      wxa: { sec: { order: { uploadShippingInfo: async () => ({}) } } },
      subscribeMessage: { send: async () => ({}) },
      wxacode: { getUnlimited: async () => ({ contentType: 'image/png', buffer: Buffer.alloc(0) }) },
    },
    uploadFile: async () => ({ fileID: 'cloud://x' }),
    getTempFileURL: async () => ({ fileList: [] }),
  },
}))

type Result = Awaited<ReturnType<typeof dispatch>>
type Entry = (event: unknown, context?: unknown) => Promise<unknown>

const ACTIONS = Object.values(FUNCTIONS).flatMap((fn) =>
  Object.entries(fn.actions).map(([action, def]) => ({ fn: fn.name as FunctionName, action, def, name: `${fn.name}.${action}` })),
)
const byAccess = (access: ActionDef['access']) => ACTIONS.filter((a) => a.def.access === access)

/**
 * A small shop with the people security is about: a consumer (v1) and another consumer (v4) with a
 * paid order, a placed goods redemption and a coupon, an approved distributor (koc), a pending
 * applicant, the operator (brand), two campaigns and a member post waiting for review.
 */
async function securityShop() {
  const store = new SqliteStore(':memory:')
  const clock = new SteppedClock(T0)
  const pay = new LocalPayProvider(store, clock)
  await smallShop(store)
  await saveMember(store, member('koc', 3, { shareCode: 'KOCCODE2' }))
  await saveMember(store, member('applicant', 1, { shareCode: 'APPLY234' }))
  await store.putGroupBuy(groupBuyDoc())
  // One staff account per role that is not the owner's.
  for (const role of ['merchandiser', 'service', 'finance'] as const) {
    await saveMember(store, member(`staff-${role}`, 1, { roles: ['operator', role], shareCode: `STAFF${role.slice(0, 3).toUpperCase()}` }))
  }
  const call = (
    fn: FunctionName,
    action: string,
    data: unknown,
    memberId: string | null,
    event: Record<string, unknown> = {},
  ): Promise<Result> => dispatch(FUNCTIONS[fn], { ...event, action, data }, { store, pay, now: clock.now(), memberId })
  async function ok<T>(promise: Promise<Result>): Promise<T> {
    const result = await promise
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
    return result.data as T
  }
  await ok(call('distribution', 'apply', { attestAdult: true, rulesVersion: RULES_VERSION }, 'koc'))
  await ok(call('distribution', 'approve', { memberId: 'koc' }, 'brand'))
  await ok(call('distribution', 'apply', { attestAdult: true, rulesVersion: RULES_VERSION }, 'applicant'))

  const items = [{ skuId: 'p3-s1', quantity: 1 }]
  const quoted = await ok<QuoteView>(call('order', 'quote', { items }, 'v4'))
  const v4Order = (
    await ok<{ order: OrderView }>(
      call('order', 'create', { requestId: 'security-v4-0001', items, address: ADDRESS, expectedPayable: quoted.payable }, 'v4'),
    )
  ).order
  await pay.pay(v4Order.id, false)

  // Two shipped orders with a 退货退款 each: one waiting for review, one whose parcel is on its way back.
  await store.putSettings('afterSale', { returnAddress: SHOP_RETURN_ADDRESS })
  const shippedCase = async (key: string) => {
    const created = await ok<{ order: OrderView }>(
      call('order', 'create', { requestId: `security-${key}-0001`, items, address: ADDRESS, expectedPayable: quoted.payable }, 'v4'),
    )
    await pay.pay(created.order.id, false)
    await ok(call('order', 'ship', { orderId: created.order.id, carrier: '顺丰速运', trackingNo: 'SF1234567890123' }, 'brand'))
    const detail = await ok<OrderDetailView>(
      call('order', 'requestRefund', { orderId: created.order.id, reason: '质量问题', kind: 'return' }, 'v4'),
    )
    return detail.refunds[0].id
  }
  const reviewingCase = await shippedCase('review')
  const returnedCase = await shippedCase('returned')
  await ok(call('order', 'approveRefund', { refundId: returnedCase }, 'brand'))
  await ok(call('order', 'sendReturn', { refundId: returnedCase, carrier: '中通快递', trackingNo: '750000000001' }, 'v4'))

  await changePoints(store, 'v4', 'security:points:v4', (state) =>
    grant(state, { id: 'security:points:v4', source: 'adjustment', ref: 'test', amount: 5_000, at: T0, note: '测试积分' }),
  )
  const window = {
    startAt: T0 - DAY,
    endAt: T0 + 30 * DAY,
    status: 'on' as const,
    limits: {},
    tierMin: 1 as const,
    privilege: null,
    sort: 1,
  }
  await store.putRedeemItem({
    ...window,
    id: 'ri-mug',
    kind: 'goods',
    title: '茶杯',
    subtitle: '',
    image: '/media/products/p1-1.jpg',
    pointsPrice: 100,
    stock: 10,
    coupon: null,
  })
  await store.putRedeemItem({
    ...window,
    id: 'ri-coupon',
    kind: 'coupon',
    title: '立减券',
    subtitle: '',
    image: '/media/products/p1-1.jpg',
    pointsPrice: 100,
    stock: 10,
    coupon: { amountOff: 500, minSpend: 0, validDays: 30 },
  })
  const v4Redemption = await ok<Redemption>(
    call('redeem', 'redeem', { itemId: 'ri-mug', idempotencyKey: 'security-mug-0001', address: ADDRESS }, 'v4'),
  )
  const v4Coupon = await ok<Redemption>(call('redeem', 'redeem', { itemId: 'ri-coupon', idempotencyKey: 'security-cpn-0001' }, 'v4'))

  const campaign = { type: 'checkin_bonus', title: '签到加送', startAt: T0 - DAY, endAt: T0 + DAY, params: { bonusPoints: 5 } }
  await store.putCampaign({ ...campaign, id: 'sec-on', enabled: true })
  await store.putCampaign({ ...campaign, id: 'sec-off', enabled: false })
  await store.putPost(post('sec-post', { authorId: 'v4', kind: 'ugc', status: 'pending' }))
  const shownComment = await ok<{ id: string }>(
    call('post', 'comment', { postId: 'post1', text: '冲泡后很香', requestId: 'security-comment-1' }, 'v4'),
  )
  const hiddenComment = await ok<{ id: string }>(
    call('post', 'comment', { postId: 'post1', text: '已回购', requestId: 'security-comment-2' }, 'v4'),
  )
  await ok(call('post', 'hideComment', { commentId: hiddenComment.id, reason: '重复内容' }, 'brand'))
  await ok(call('member', 'certifyCreator', { memberId: 'koc', reason: '长期分享真实好物' }, 'brand'))

  return { store, clock, pay, call, ok, v4Order, v4Redemption, v4Coupon, reviewingCase, returnedCase, shownComment, hiddenComment }
}

type Shop = Awaited<ReturnType<typeof securityShop>>

/** A payload each operator action accepts, aimed at something it would change; a new operator action must be added here. */
function operatorSamples(shop: Shop): Record<string, unknown> {
  const window = { startAt: T0, endAt: T0 + 2 * DAY }
  return {
    'campaign.list': {},
    'campaign.create': { id: 'sec-new', type: 'checkin_bonus', title: '新活动', enabled: true, ...window, params: { bonusPoints: 5 } },
    'campaign.update': { id: 'sec-on', type: 'checkin_bonus', title: '改过的活动', enabled: true, ...window, params: { bonusPoints: 10 } },
    'campaign.enable': { id: 'sec-off' },
    'campaign.disable': { id: 'sec-on' },
    'campaign.schedule': { id: 'sec-on', ...window },
    'campaign.report': { from: '2026-11-01', to: '2026-11-20' },
    'campaign.killSwitch': { on: true },
    'campaign.switchGroupBuy': { id: 'gb1', enabled: false },
    'campaign.saveGroupBuy': { doc: { id: 'gb1', productId: 'p1', skus: [{ skuId: 'p1-s1', teamPrice: 9_000 }], startAt: 0, endAt: 1 } },
    'staff.list': {},
    'staff.grant': { memberId: 'v1', role: 'service' },
    'staff.revoke': { memberId: 'staff-finance', role: 'finance' },
    'campaign.audit': {},
    'distribution.approve': { memberId: 'applicant' },
    'distribution.reject': { memberId: 'applicant', reason: '资料不全' },
    'distribution.setRates': { defaultBps: 800 },
    'distribution.distributors': {},
    'distribution.freeze': { memberId: 'koc', frozen: true, reason: '核查推广内容' },
    'order.ship': { orderId: shop.v4Order.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' },
    'order.staffList': { tab: 'toShip' },
    'order.refundCases': { tab: 'reviewing' },
    'member.find': { query: 'v4' },
    'staff.settings': { name: 'tiers' },
    'staff.saveSettings': { name: 'distribution', doc: { minWithdraw: 500 } },
    'catalog.staffProducts': { status: 'off' },
    'catalog.shelve': { productId: 'p5', on: true },
    'catalog.saveProduct': {
      requestId: 'security-product-1',
      categoryId: 'c-tea',
      title: '新品白茶',
      subtitle: '',
      detail: '',
      images: ['/media/products/p1-1.jpg'],
      tags: [],
      featured: false,
      memberPrices: true,
      commissionBps: null,
      limits: null,
      skus: [{ specs: { 规格: '50g' }, price: 8_800, initialStock: 10 }],
    },
    'catalog.saveCategory': { name: '茶器', sort: 3 },
    'catalog.adjustStock': { skuId: 'p4-s1', delta: 3, reason: '盘点入库', requestId: 'security-stock-1' },
    'member.care': { memberId: 'v4' },
    'member.adjustPoints': { memberId: 'v4', amount: 100, reason: '补发活动积分', requestId: 'security-adjust-1' },
    'member.certifyCreator': { memberId: 'v4', reason: '长期分享真实好物' },
    'member.uncertifyCreator': { memberId: 'koc', reason: '近期内容质量下降' },
    'order.approveRefund': { refundId: shop.reviewingCase },
    'order.rejectRefund': { refundId: shop.reviewingCase, reason: '商品已影响二次销售' },
    'order.confirmReturn': { refundId: shop.returnedCase },
    'order.export': { tab: 'all' },
    'order.shipBatch': { rows: [{ orderId: shop.v4Order.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' }] },
    'post.queue': {},
    'post.approve': { postId: 'sec-post' },
    'post.reject': { postId: 'sec-post', reason: '与商品无关' },
    'post.staffTopics': {},
    'post.saveTopic': { name: '新茶上市', description: '当季新茶', enabled: true },
    'post.moderation': {},
    'post.hideComment': { commentId: shop.shownComment.id, reason: '与帖子无关' },
    'post.showComment': { commentId: shop.hiddenComment.id },
    'redeem.upsertItem': {
      kind: 'goods',
      title: '新兑换品',
      subtitle: '',
      image: '/media/products/p1-1.jpg',
      pointsPrice: 100,
      stock: 5,
      tierMin: 1,
      limits: {},
      ...window,
      status: 'on',
      coupon: null,
      privilege: null,
      sort: 9,
    },
    'redeem.fulfil': { redemptionId: shop.v4Redemption.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' },
    'redeem.toShip': {},
  }
}
/** Operator actions that only read. */
const OPERATOR_READS = new Set([
  'campaign.list',
  'order.staffList',
  'order.refundCases',
  'member.find',
  'staff.settings',
  'catalog.staffProducts',
  'member.care',
  'order.export',
  'redeem.toShip',
  'campaign.report',
  'campaign.audit',
  'distribution.distributors',
  'post.queue',
  'post.staffTopics',
  'post.moderation',
  'staff.list',
])

describe('identity comes from the platform, never from the payload', () => {
  /** Keys a client could use to claim to be someone else. */
  const IDENTITY_KEYS = [
    'memberId',
    'member',
    'openid',
    'openId',
    'OPENID',
    '_openid',
    'unionid',
    'UNIONID',
    'userId',
    'uid',
    'userInfo',
    'callerId',
    'buyerId',
    'ownerId',
    'authorId',
    'distributorId',
    'caller',
  ]
  /** Where an identity key names the target of an operator's decision, not the caller. */
  const OPERATOR_TARGETS: Record<string, string[]> = {
    'distribution.approve': ['memberId'],
    'distribution.reject': ['memberId'],
    'distribution.freeze': ['memberId'],
    'order.staffList': ['memberId'],
    'staff.grant': ['memberId'],
    'staff.revoke': ['memberId'],
    'member.care': ['memberId'],
    'member.adjustPoints': ['memberId'],
    'member.certifyCreator': ['memberId'],
    'member.uncertifyCreator': ['memberId'],
  }

  let shared: Shop
  beforeAll(async () => {
    shared = await securityShop()
  })

  it.each(ACTIONS.map((a) => [a.name, a] as const))(
    '%s refuses identity keys in its payload with a typed error, writing nothing',
    async (_name, { fn, action, name, def }) => {
      const before = tableRows(shared.store)
      const caller = def.access === 'operator' ? 'brand' : 'v1'
      for (const key of IDENTITY_KEYS) {
        if (OPERATOR_TARGETS[name]?.includes(key)) continue
        const parsed = v.safeParse(def.input, { [key]: 'v4' })
        const refusedKey = !parsed.success && parsed.issues.some((issue) => issue.expected === 'never' && issue.path?.[0]?.key === key)
        expect(refusedKey, `${name} accepts "${key}"`).toBe(true)
        expect(await shared.call(fn, action, { [key]: 'v4' }, caller), `${name} with "${key}"`).toMatchObject({
          ok: false,
          code: 'INVALID_PAYLOAD',
        })
      }
      expect(tableRows(shared.store)).toEqual(before)
    },
  )

  it('names another member only in operator decisions about that member', () => {
    for (const [name, keys] of Object.entries(OPERATOR_TARGETS)) {
      const found = ACTIONS.find((a) => a.name === name)!
      expect(found.def.access, name).toBe('operator')
      for (const key of keys)
        expect(
          v.safeParse(found.def.input, { [key]: 'v4' }).issues?.some((i) => i.path?.[0]?.key === key && i.expected === 'never'),
          `${name}.${key}`,
        ).toBeFalsy()
    }
  })

  it('ignores identity around the payload: a check-in credits the caller only', async () => {
    const { store, call, ok } = await securityShop()
    const before = { v1: (await store.findPoints('v1')).account.available, v4: (await store.findPoints('v4')).account.available }
    const claim = { memberId: 'v4', openid: 'v4', OPENID: 'v4', userInfo: { openId: 'v4', appId: 'wx0000000000000001' } }
    expect(await call('points', 'checkIn', { memberId: 'v4' }, 'v1')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    const checkedIn = await ok<{ credited: number }>(call('points', 'checkIn', {}, 'v1', claim))
    expect(checkedIn.credited).toBeGreaterThan(0)
    expect((await store.findPoints('v1')).account.available).toBe(before.v1 + checkedIn.credited)
    expect((await store.findPoints('v4')).account.available).toBe(before.v4)
    expect(await ok(call('member', 'profile', {}, 'v1', claim))).toMatchObject({ id: 'v1' })
    expect(await call('member', 'profile', {}, null, claim)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })

  it('counts a post view for the caller: a signed-out device key never stands for a member', async () => {
    const { store, call, ok } = await securityShop()
    const viewers = () => store.db.prepare('SELECT viewer FROM post_views ORDER BY viewer').pluck().all()
    // Signed out, a key shaped like a member id is still a device: its views are kept apart from the member's.
    await ok(call('catalog', 'post', { id: 'post1', visitor: 'v4v4v4v4' }, null))
    await ok(call('catalog', 'post', { id: 'post1', visitor: 'v4v4v4v4' }, 'v1'))
    expect(viewers()).toEqual(['v1', 'v:v4v4v4v4'])
    expect(await call('catalog', 'post', { id: 'post1', viewer: 'v4' }, 'v1')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(viewers()).toEqual(['v1', 'v:v4v4v4v4'])
  })

  it('keeps another member’s order, redemption and coupon out of reach, changing nothing', async () => {
    const shop = await securityShop()
    const { call, v4Order, v4Redemption, v4Coupon } = shop
    const before = tableRows(shop.store)
    for (const [action, data] of [
      ['detail', { orderId: v4Order.id }],
      ['pay', { orderId: v4Order.id }],
      ['cancel', { orderId: v4Order.id }],
      ['confirmReceipt', { orderId: v4Order.id }],
      ['requestRefund', { orderId: v4Order.id, reason: '不是我的' }],
    ] as const) {
      expect(await call('order', action, data, 'v1'), action).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' })
      expect(await call('order', action, data, 'koc'), action).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' })
    }
    expect(await call('redeem', 'cancel', { redemptionId: v4Redemption.id }, 'v1')).toMatchObject({ ok: false, code: 'REDEMPTION_STATE' })
    expect(await call('order', 'quote', { items: [{ skuId: 'p3-s1', quantity: 1 }], couponId: v4Coupon.id }, 'v1')).toMatchObject({
      ok: false,
      code: 'COUPON_INVALID',
    })
    expect(await call('order', 'list', {}, 'v1')).toMatchObject({ ok: true, data: { items: [] } })
    const theirUpload = 'cloud://siyu-env.7369-siyu-env/posts/v4/0123456789abcdef.jpg'
    expect(
      await call(
        'post',
        'create',
        { title: '借图', body: '别人的图片', images: [theirUpload], productIds: [], requestId: 'security-post-01' },
        'v1',
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(tableRows(shop.store)).toEqual(before)
    // The owner reaches the same order: the refusals above were about who asked.
    expect(await call('order', 'detail', { orderId: v4Order.id }, 'v4')).toMatchObject({ ok: true, data: { id: v4Order.id } })
    expect(
      await call(
        'post',
        'create',
        { title: '我的图', body: '自己的图片', images: [theirUpload], productIds: [], requestId: 'security-post-02' },
        'v4',
      ),
    ).toMatchObject({ ok: true })
  })
})

describe('operator actions refuse everyone else', () => {
  const operatorActions = byAccess('operator')

  it('has a sample payload for every operator action', async () => {
    const samples = operatorSamples(await securityShop())
    expect(Object.keys(samples).sort()).toEqual(operatorActions.map((a) => a.name).sort())
  })

  it.each(operatorActions.map((a) => [a.name, a] as const))(
    '%s: FORBIDDEN to a consumer and a distributor, UNAUTHENTICATED signed out, and nothing changes',
    async (name, { fn, action }) => {
      const shop = await securityShop()
      const data = operatorSamples(shop)[name]
      const before = tableRows(shop.store)
      expect(await shop.call(fn, action, data, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await shop.call(fn, action, data, 'koc')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await shop.call(fn, action, data, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      // Claiming the operator in the payload or around it changes nothing either.
      expect(
        await shop.call(fn, action, data, 'v1', { memberId: 'brand', openid: 'brand', userInfo: { openId: 'brand' }, roles: ['operator'] }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(tableRows(shop.store)).toEqual(before)
      // The same call from the operator goes through (and writes, unless it only reads): the sample is a real one.
      expect(await shop.call(fn, action, data, 'brand')).toMatchObject({ ok: true })
      if (!OPERATOR_READS.has(name)) expect(tableRows(shop.store)).not.toEqual(before)
    },
  )

  it.each(operatorActions.map((a) => [a.name, a] as const))(
    '%s: only staff holding its role (or the owner) may run it; the others are FORBIDDEN and nothing changes',
    async (name, { fn, action, def }) => {
      const shop = await securityShop()
      const data = operatorSamples(shop)[name]
      const before = tableRows(shop.store)
      for (const role of ['merchandiser', 'service', 'finance'] as const) {
        if ((def.staff ?? []).includes(role)) continue
        const answer = await shop.call(fn, action, data, `staff-${role}`)
        expect(answer, `${name} as ${role}`).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      }
      expect(tableRows(shop.store)).toEqual(before)
      const allowed = def.staff?.[0]
      if (allowed) expect(await shop.call(fn, action, data, `staff-${allowed}`)).toMatchObject({ ok: true })
    },
  )

  it.each(byAccess('member').map((a) => [a.name, a] as const))('%s refuses a signed-out caller', async (_name, { fn, action }) => {
    const shop = await securityShop()
    const before = tableRows(shop.store)
    expect(await shop.call(fn, action, {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(tableRows(shop.store)).toEqual(before)
  })
})

describe('distributors never see buyers’ personal data', () => {
  const BUYER = { id: 'buyer-secret-7f3a', nickname: '蔡小秘书长' }
  const BUYER_ADDRESS = { name: '欧阳隐私', phone: '13987654321', region: '云南省 大理白族自治州', detail: '洱海门 77 号 隐秘小院' }
  const SECRETS = [
    BUYER.id,
    BUYER.nickname,
    BUYER_ADDRESS.name,
    BUYER_ADDRESS.phone,
    BUYER_ADDRESS.region,
    BUYER_ADDRESS.detail,
    '大理',
    '洱海门',
    '隐秘小院',
  ]
  /** What a distributor can ask for; a new distributor-facing action must be added here. */
  const DISTRIBUTOR_VIEWS: Record<string, unknown> = {
    'distribution.apply': { attestAdult: true, rulesVersion: RULES_VERSION },
    'distribution.status': {},
    'distribution.share': { productId: 'p1' },
    'distribution.dashboard': {},
    'distribution.orders': {},
    'distribution.commissions': {},
    'distribution.withdraw': { amount: 1_000, requestId: 'security-withdraw-1' },
    'distribution.withdrawals': {},
  }

  it('has a sample for every distribution action a distributor may call', () => {
    expect(Object.keys(DISTRIBUTOR_VIEWS).sort()).toEqual(
      ACTIONS.filter((a) => a.fn === 'distribution' && a.def.access !== 'operator')
        .map((a) => a.name)
        .sort(),
    )
  })

  it('shows attributed orders, commission lines and payouts with the buyer masked', async () => {
    const { store, clock, pay, call, ok } = await securityShop()
    await saveMember(store, member(BUYER.id, 2, { nickname: BUYER.nickname, shareCode: 'BUYER234' }))
    await ok(
      call(
        'catalog',
        'touch',
        { entryId: 'security-entry-01', scene: 1007, shareCode: 'KOCCODE2', productId: 'p1', path: '/packages/product/detail/index' },
        BUYER.id,
      ),
    )
    const items = [
      { skuId: 'p1-s1', quantity: 2 },
      { skuId: 'p3-s1', quantity: 1 },
    ]
    const quoted = await ok<QuoteView>(call('order', 'quote', { items }, BUYER.id))
    const { order: placed } = await ok<{ order: OrderView }>(
      call(
        'order',
        'create',
        { requestId: 'security-buyer-01', items, address: BUYER_ADDRESS, remark: '请别打电话', expectedPayable: quoted.payable },
        BUYER.id,
      ),
    )
    await pay.pay(placed.id, false)
    await ok(call('order', 'ship', { orderId: placed.id, carrier: '顺丰速运', trackingNo: 'SF223456789000' }, 'brand'))
    await ok(call('order', 'confirmReceipt', { orderId: placed.id }, BUYER.id))
    const job = (name: string) => JOBS.find((j) => j.name === name)!.run(store, clock.now(), pay)
    await job('commissionsFromOrders')
    clock.advance(8 * DAY)
    await job('commissionSettlement')

    const answers: Record<string, unknown> = {}
    for (const [name, data] of Object.entries(DISTRIBUTOR_VIEWS)) {
      const [fn, action] = name.split('.') as [FunctionName, string]
      answers[name] = await ok(call(fn, action, data, 'koc'))
    }
    const seen = JSON.stringify(answers)
    for (const secret of SECRETS) expect(seen.includes(secret), `a distributor sees "${secret}"`).toBe(false)
    // Not an empty search: the order, its commission and the payout are all there, the buyer as a tag.
    const orders = answers['distribution.orders'] as { items: { orderId: string; buyer: string }[] }
    expect(orders.items).toContainEqual(expect.objectContaining({ orderId: placed.id, buyer: expect.stringMatching(/^顾客·[0-9A-F]{6}$/) }))
    expect(
      (answers['distribution.commissions'] as { items: { orderId: string; status: string }[] }).items.filter(
        (l) => l.orderId === placed.id,
      ),
    ).toHaveLength(2)
    expect(answers['distribution.withdraw']).toMatchObject({ withdrawal: { amount: 1_000 } })
    // The order itself stays the buyer's.
    expect(await call('order', 'detail', { orderId: placed.id }, 'koc')).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' })
  })
})

describe('the local host', () => {
  let store: SqliteStore
  let host: ReturnType<typeof createHost>
  let url: string
  let sessions: SessionKeys
  let v4Order: OrderView
  beforeAll(async () => {
    const shop = await securityShop()
    store = shop.store
    v4Order = shop.v4Order
    sessions = new SessionKeys(null)
    host = createHost({ store, clock: new HostClock(), sessions, people: [{ id: 'v1', label: 'V1' }], appDir: null, mediaDir: MEDIA_DIR })
    url = await host.listen(0)
  })
  afterAll(async () => {
    await host.close()
  })
  const postJson = async (route: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(route, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }

  it('takes identity only from its signed token', async () => {
    const forged = `${Buffer.from('v4').toString('base64url')}.${Buffer.from('not-a-signature').toString('base64url')}`
    expect(await postJson('/api/member', { action: 'profile', data: {} }, { authorization: `Bearer ${forged}` })).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED' },
    })
    expect(await postJson('/api/member', { action: 'profile', data: {}, memberId: 'v4' }, { 'x-wx-openid': 'v4' })).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED' },
    })
    const v1 = `Bearer ${sessions.issue('v1')}`
    expect(
      await postJson('/api/member', { action: 'profile', data: {}, memberId: 'v4', userInfo: { openId: 'v4' } }, { authorization: v1 }),
    ).toMatchObject({ status: 200, body: { data: { id: 'v1' } } })
  })

  it('exposes no payment callback and no timer as a function', async () => {
    const before = tableRows(store)
    const notice = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: v4Order.id,
      transactionId: '4200000000000000000000009999',
      totalFee: v4Order.payable,
    }
    for (const name of ['payCallback', 'refundCallback', 'transferCallback', 'mediaCheckCallback', ...JOBS.map((j) => j.name)]) {
      expect(await postJson(`/api/${name}`, notice), name).toMatchObject({ status: 404, body: { code: 'UNKNOWN_FUNCTION' } })
    }
    expect(tableRows(store)).toEqual(before)
  })
})

/** The CloudBase test double, counting every touch, so a refused entry can be shown to read and write nothing. */
class CountingDatabase extends CloudbaseDatabaseDouble {
  touches = 0
  override collection(name: string): CollectionRef {
    this.touches += 1
    return super.collection(name)
  }
  override runTransaction<T>(callback: (tx: Transaction) => Promise<T>, retries?: number): Promise<T> {
    this.touches += 1
    return super.runTransaction(callback, retries)
  }
}

describe('CloudBase entries', () => {
  const database = new CountingDatabase()
  const store: Store = new CloudbaseStore(database)
  const entry = async (name: string): Promise<Entry> => (await import(path.resolve('cloudfunctions/src/functions', name, 'index.ts'))).main
  /** Who a call can come from other than the platform's own trigger or callback. */
  const CLIENTS: [string, Record<string, unknown>][] = [
    ['the mini program', { SOURCE: 'wx_client', OPENID: 'v1' }],
    ['the developer tools', { SOURCE: 'wx_devtools', OPENID: 'v1' }],
    ['HTTP access', { SOURCE: 'wx_http' }],
    ['no context at all', {}],
  ]
  const triggerSrc = process.env.TRIGGER_SRC
  let unpaid: ReturnType<typeof order>

  beforeAll(async () => {
    delete process.env.TRIGGER_SRC
    platform.database = database
    await smallShop(store)
    // Real time: the entries read Date.now(), so the order is inside its pay window now.
    unpaid = order('osecurity0000000000000001', { createdAt: Date.now(), payDeadline: Date.now() + 15 * 60_000 })
    expect(await store.placeOrder(unpaid)).toEqual({ placed: true })
  })
  afterAll(() => {
    if (triggerSrc !== undefined) process.env.TRIGGER_SRC = triggerSrc
  })

  async function refused(main: Entry, event: unknown, context: Record<string, unknown>) {
    platform.context = context
    const touches = database.touches
    const answer = await main(event, {})
    expect(database.touches, 'a refused call touched the database').toBe(touches)
    return answer
  }

  it('payCallback refuses a “paid” notice that did not come from WeChat Pay, and the order stays unpaid', async () => {
    const main = await entry('payCallback')
    const notice = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: unpaid.id,
      transactionId: '4200000000000000000000000001',
      totalFee: unpaid.payable,
    }
    for (const [who, context] of CLIENTS) {
      expect(await refused(main, notice, context), who).toEqual({ errcode: 403, errmsg: 'WRONG_SOURCE' })
      // The source is the platform's word, not the caller's.
      expect(await refused(main, { ...notice, SOURCE: 'wx_paycallback', TCB_SOURCE: 'wx_paycallback' }, context), who).toEqual({
        errcode: 403,
        errmsg: 'WRONG_SOURCE',
      })
    }
    expect((await store.findOrder(unpaid.id))!.order).toMatchObject({ status: 'created', paidAt: null })
    expect(await store.findPayment(notice.transactionId)).toBeNull()
    platform.context = { SOURCE: 'wx_paycallback' }
    expect(await main(notice, {})).toMatchObject({ errcode: 0, outcome: 'paid' })
    expect((await store.findOrder(unpaid.id))!.order.status).toBe('paid')
  })

  it('refundCallback refuses a “refunded” notice that did not come from WeChat Pay, and the refund keeps waiting', async () => {
    const main = await entry('refundCallback')
    const paidOrder = order('osecurity0000000000000002', { createdAt: Date.now(), payDeadline: Date.now() + 15 * 60_000 })
    await store.placeOrder(paidOrder)
    platform.context = { SOURCE: 'wx_paycallback' }
    await (await entry('payCallback'))(
      {
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        outTradeNo: paidOrder.id,
        transactionId: '4200000000000000000000000002',
        totalFee: paidOrder.payable,
      },
      {},
    )
    // A provider that has not answered yet: the refund waits for its callback.
    const waiting = new (class extends LocalPayProvider {
      override async refund(): Promise<void> {}
    })(store, { now: () => Date.now() })
    const detail = await requestRefund(
      store,
      waiting,
      (await store.findMember('v1'))!,
      { orderId: paidOrder.id, reason: '不想要了' },
      Date.now(),
    )
    const refund: Refund = detail.refunds[0]
    const notice = { outRefundNo: refund.id, refundStatus: 'SUCCESS', refundFee: refund.amount }
    for (const [who, context] of CLIENTS) {
      expect(await refused(main, notice, context), who).toEqual({ errcode: 403, errmsg: 'WRONG_SOURCE' })
    }
    expect(await store.findRefund(refund.id)).toMatchObject({ status: 'refunding' })
    platform.context = { SOURCE: 'wx_paycallback' }
    expect(await main(notice, {})).toEqual({ errcode: 0, errmsg: 'OK' })
    expect(await store.findRefund(refund.id)).toMatchObject({ status: 'refunded' })
  })

  it('mediaCheckCallback refuses an image verdict a member or another caller sent, and the image keeps waiting', async () => {
    const main = await entry('mediaCheckCallback')
    const check = {
      traceId: '690b03d2-301f6111-35ffbd44',
      subject: 'post:psecurity',
      memberId: 'v1',
      url: 'cloud://env.1234/posts/v1/a.jpg',
      verdict: 'pending' as const,
      sentAt: Date.now(),
      decidedAt: null,
    }
    await store.addImageCheck(check)
    const event = {
      ToUserName: 'gh_7bf1f1389686',
      FromUserName: 'v1',
      CreateTime: 1762329554,
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx-siyu-test',
      trace_id: check.traceId,
      version: 2,
      result: { suggest: 'pass', label: '100' },
      detail: [],
    }
    for (const [who, context] of CLIENTS) {
      expect(await refused(main, event, { ...context, APPID: 'wx-siyu-test' }), who).toEqual({ errcode: 403, errmsg: 'WRONG_SOURCE' })
    }
    expect(await refused(main, event, { SOURCE: 'wx_client,scf', APPID: 'wx-siyu-test' })).toEqual({ errcode: 403, errmsg: 'WRONG_SOURCE' })
    expect((await store.findImageCheck(check.traceId))?.verdict).toBe('pending')
    platform.context = { SOURCE: 'wx_unknown', APPID: 'wx-siyu-test' }
    expect(await main({ ...event, appid: 'wx-another-app' }, {})).toEqual({ errcode: 403, errmsg: 'WRONG_APP' })
    expect(await main(event, {})).toMatchObject({ errcode: 0, outcome: 'settled' })
    expect((await store.findImageCheck(check.traceId))?.verdict).toBe('pass')
  })

  describe('transferCallback', () => {
    const keys = () =>
      crypto.generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      })
    // TEST DOUBLES of the merchant's key pair and of WeChat Pay's platform key pair, plus a stranger's.
    const merchant = keys()
    const wechatPay = keys()
    const stranger = keys()
    const apiV3Key = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
    const env = {
      WXPAY_MCH_ID: '1900000109',
      WXPAY_APP_ID: 'wx0000000000000001',
      WXPAY_CERT_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      WXPAY_PRIVATE_KEY: merchant.privateKey,
      WXPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0000000000000024101100397200000006',
      WXPAY_PUBLIC_KEY: wechatPay.publicKey,
      WXPAY_API_V3_KEY: apiV3Key,
      WXPAY_TRANSFER_NOTIFY_URL: 'https://siyu.example.com/transferCallback',
    }
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
    beforeAll(() => Object.assign(process.env, env))
    afterAll(() => {
      for (const [k, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[k]
        else process.env[k] = value
      }
    })

    /** A 商家转账 result notification for `outBillNo`, encrypted with the APIv3 key and signed with `signer`. */
    function notification(outBillNo: string, signer: string, at = Date.now()) {
      const nonce = 'noncenonce12'
      const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'))
      cipher.setAAD(Buffer.from('mch_payment', 'utf8'))
      const plain = JSON.stringify({
        out_bill_no: outBillNo,
        transfer_bill_no: '1330000071100999991182020050700019480001',
        state: 'SUCCESS',
      })
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64')
      const body = JSON.stringify({
        id: 'EV-2018022511223320873',
        event_type: 'MCHTRANSFER.BILL.FINISHED',
        resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext, nonce, associated_data: 'mch_payment' },
      })
      const timestamp = String(Math.floor(at / 1000))
      const signatureNonce = 'sig-nonce-0001'
      const signature = crypto.createSign('RSA-SHA256').update(`${timestamp}\n${signatureNonce}\n${body}\n`).sign(signer, 'base64')
      return {
        body,
        headers: {
          'wechatpay-serial': env.WXPAY_PUBLIC_KEY_ID,
          'wechatpay-signature': signature,
          'wechatpay-timestamp': timestamp,
          'wechatpay-nonce': signatureNonce,
        },
      }
    }

    it('refuses a notification WeChat Pay did not sign, touching nothing', async () => {
      const main = await entry('transferCallback')
      const signed = notification('wd0000000000000000000001', wechatPay.privateKey)
      for (const [who, context] of CLIENTS) {
        expect(await refused(main, { body: signed.body }, context), `${who}, unsigned`).toMatchObject({ statusCode: 401 })
        expect(
          await refused(main, notification('wd0000000000000000000001', stranger.privateKey), context),
          `${who}, signed by a stranger`,
        ).toMatchObject({ statusCode: 401 })
      }
      // Correctly signed, it is read and looked up (no such withdrawal here): the refusals were the signature's.
      expect(await main(signed, {})).toMatchObject({ statusCode: 404 })
    })

    it('refuses a notification signed more than 5 minutes ago or ahead, touching nothing', async () => {
      const main = await entry('transferCallback')
      for (const skew of [-6 * 60_000, 6 * 60_000]) {
        const late = notification('wd0000000000000000000001', wechatPay.privateKey, Date.now() + skew)
        const answer = (await refused(main, late, { SOURCE: 'wx_http' })) as { statusCode: number; body: string }
        expect(answer.statusCode).toBe(401)
        expect(JSON.parse(answer.body)).toMatchObject({ code: 'TIMESTAMP_STALE' })
      }
    })
  })

  describe('timer functions', () => {
    const source = path.resolve('cloudfunctions/src/functions')
    const timers = fs
      .readdirSync(source)
      .filter((name) => fs.existsSync(path.join(source, name, 'config.json')))
      .filter((name) =>
        (JSON.parse(fs.readFileSync(path.join(source, name, 'config.json'), 'utf8')).triggers ?? []).some(
          (t: { type: string }) => t.type === 'timer',
        ),
      )

    it('are exactly the jobs', () => {
      expect([...timers].sort()).toEqual(JOBS.map((j) => j.name).sort())
    })

    it.each(JOBS.map((j) => j.name))('%s refuses any call that is not its trigger, touching nothing', async (name) => {
      const main = await entry(name)
      // What a timer event looks like: a client can send the same shape.
      const timerEvent = {
        Type: 'Timer',
        TriggerName: `${name}Timer`,
        Time: new Date().toISOString(),
        Message: '',
        SOURCE: 'wx_trigger',
        TRIGGER_SRC: 'timer',
      }
      for (const [who, context] of CLIENTS) {
        expect(await refused(main, timerEvent, context), who).toMatchObject({ ok: false, code: 'WRONG_SOURCE' })
        expect(await refused(main, {}, context), who).toMatchObject({ ok: false, code: 'WRONG_SOURCE' })
      }
      expect(await refused(main, timerEvent, { SOURCE: 'wx_paycallback' })).toMatchObject({ ok: false, code: 'WRONG_SOURCE' })
      platform.context = { SOURCE: 'wx_trigger' }
      const touches = database.touches
      expect(await main({}, {})).toMatchObject({ ok: true })
      expect(database.touches).toBeGreaterThan(touches)
    })
  })

  it('a business function takes the caller from OPENID, never from the event', async () => {
    const main = await entry('order')
    const v4Order = order(
      `o${'beef'.padStart(23, '0')}`,
      { memberId: 'v4', createdAt: Date.now(), payDeadline: Date.now() + 15 * 60_000 },
      [{ skuId: 'p3-s1', price: 2990, quantity: 1 }],
    )
    await store.placeOrder(v4Order)
    const claim = { userInfo: { openId: 'v4', appId: 'wx0000000000000001' }, memberId: 'v4', openid: 'v4', OPENID: 'v4' }
    platform.context = { SOURCE: 'wx_client', OPENID: 'v1' }
    expect(await main({ action: 'detail', data: { orderId: v4Order.id }, ...claim })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' })
    platform.context = { SOURCE: 'wx_http' }
    expect(await main({ action: 'detail', data: { orderId: v4Order.id }, ...claim })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    platform.context = { SOURCE: 'wx_client', OPENID: 'v4' }
    expect(await main({ action: 'detail', data: { orderId: v4Order.id } })).toMatchObject({ ok: true, data: { id: v4Order.id } })
  })
})
