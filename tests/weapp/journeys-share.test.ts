/**
 * A KOC's share in the built mini program: the distributor shares a product (the card's path carries
 * their share code, from onShareAppMessage); a second member enters the app from that card (scene
 * 1007), buys the product — and the store records the touch, binds the buyer to the distributor and
 * attributes the order: its touch names the share code and, once the commission timer has read the
 * order's events, a pending commission line per order line goes to the KOC.
 *
 * One process runs one copy of the mini program, so the buyer is the same app with WeChat naming the
 * buyer's OPENID from then on and the buyer's profile loaded again through 我的.
 */
import { describe, expect, it } from 'vitest'
import { follow, journeyOf, textOf, typeAddress } from './journey'

/** The seeded approved distributor, a member who is none, and the product the one shares with the other. */
const [KOC, BUYER, PRODUCT] = ['koc', 'consumer-v1', 'p02']

describe("weapp journey: a KOC's share brings an order", () => {
  const session = journeyOf(KOC)

  it('the shared card records the touch, and the order it brings is attributed to the distributor', async () => {
    const { host, double } = session
    const koc = await double.store.findMember(KOC)
    if (!koc?.shareCode) throw new Error('the seeded KOC has no share code')

    const product = await host.render('packages/product/detail/index', { id: PRODUCT })
    const card = product.share()
    expect(card.path).toBe(`/packages/product/detail/index?id=${PRODUCT}&sc=${koc.shareCode}`)
    expect(textOf(product)).toContain(card.title)

    // The buyer opens the card in a chat.
    double.signInAs(BUYER)
    await host.render('pages/me/index')
    const opened = await host.enter(card.path ?? '')
    expect(opened.errors).toEqual([])
    const touch = await double.store.lastTouch(BUYER, 0)
    expect(touch).toMatchObject({ memberId: BUYER, shareCode: koc.shareCode, scene: 1007, productId: PRODUCT })
    expect((await double.store.findBinding(BUYER))?.distributorId).toBe(KOC)

    await opened.tapButton('立即购买')
    const checkout = await follow(session)
    await typeAddress(checkout, { name: '小满', phone: '13700137000', region: '浙江省杭州市西湖区', detail: '龙井路 1 号' })
    await checkout.tapButton('提交订单并支付')
    expect(checkout.errors).toEqual([])
    expect(double.refusals).toEqual([])
    expect(double.payments).toHaveLength(1)

    const order = (await double.store.findOrder(double.payments[0]))?.order
    expect(order).toMatchObject({ memberId: BUYER, status: 'paid' })
    expect(order?.touch?.shareCode).toBe(koc.shareCode)
    // Commission lines are written from the order's events by their timer (every 15 s in production).
    await double.runTimer('commissionsFromOrders')
    const lines = await double.store.commissionLinesOfOrder(order?.id ?? '')
    expect(lines.map((line) => [line.distributorId, line.buyerId, line.status])).toEqual(order?.lines.map(() => [KOC, BUYER, 'pending']))
    expect(lines.every((line) => line.amount > 0 && line.amount <= line.paidAmount * 0.3)).toBe(true)
    const detail = await follow(session)
    expect(textOf(detail)).toContain('待发货')
  })
})
