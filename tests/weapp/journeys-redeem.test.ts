/**
 * A redemption in the built mini program's points mall: an item tapped in the mall, 立即兑换, the
 * address typed into the confirm sheet, 确认兑换 — the balance falls by the server's price and the
 * redemption stands in the store with the stock taken.
 */
import { describe, expect, it } from 'vitest'
import { CONSUMER } from './pages'
import { follow, journeyOf, textOf, toasts, typeAddress } from './journey'

const ITEM = { id: 'ri-sample', title: '明前龙井 试饮装 10g' }

describe('weapp journey: redeeming points in the mall', () => {
  const session = journeyOf(CONSUMER)

  it('立即兑换 → 确认兑换 takes the server price off the balance, once', async () => {
    const { host, double } = session
    const before = (await double.store.findPoints(CONSUMER)).account.available
    const item = await double.store.findRedeemItem(ITEM.id)
    if (!item) throw new Error(`${ITEM.id} is not seeded`)

    const mall = await host.render('packages/redeem/mall/index')
    expect(textOf(mall)).toContain(`我的可用积分${before}`)
    await mall.tap(ITEM.title)
    const detail = await follow(session)
    expect(detail.route).toBe('packages/redeem/detail/index')
    await detail.tap('立即兑换')
    expect(textOf(detail)).toContain('确认兑换')
    await typeAddress(detail, { name: '林间', phone: '13900139000', region: '浙江省杭州市西湖区', detail: '龙井村 8 号' })
    await detail.tapButton('确认兑换')
    expect(detail.errors).toEqual([])
    expect(double.refusals).toEqual([])
    expect(toasts(double)).toContain('兑换成功')

    const { items } = await double.store.listRedemptions(CONSUMER, 0, 50)
    const made = items.filter((redemption) => redemption.itemId === ITEM.id && redemption.status === 'placed')
    expect(made).toHaveLength(1)
    expect(made[0].pointsPrice).toBe(item.pointsPrice)
    expect(made[0].address).toMatchObject({ name: '林间', phone: '13900139000' })
    const after = (await double.store.findPoints(CONSUMER)).account.available
    expect(before - after).toBe(item.pointsPrice)
    expect((await double.store.findRedeemItem(ITEM.id))?.stock).toBe(item.stock - 1)

    // The page it went on to: my redemptions, showing this one.
    const mine = await follow(session)
    expect(mine.route).toBe('packages/redeem/mine/index')
    expect(textOf(mine)).toContain(ITEM.title)
    const mallAgain = await host.render('packages/redeem/mall/index')
    expect(textOf(mallAgain)).toContain(`我的可用积分${after}`)
  })
})
