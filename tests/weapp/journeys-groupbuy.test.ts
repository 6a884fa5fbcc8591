/**
 * A group-buy in the built mini program between two members: A opens a team from the product page
 * (发起拼团, the address typed, 开团并支付 through WeChat Pay), B opens A's team and joins it (参与拼团,
 * 参团并支付); each then sees the team, and the store holds one team with both paid seats.
 *
 * One process runs one copy of the mini program, so B is the same app with WeChat naming B's OPENID
 * from then on and B's profile loaded again through 我的 (as the app does on launch).
 */
import { describe, expect, it } from 'vitest'
import type { GroupBuyDetail } from '../../types/api'
import type { RenderedPage } from './harness'
import { follow, journeyOf, lastNavigation, textOf, typeAddress } from './journey'
import type { WxDouble } from './wx-double'

const A = 'consumer-v1'
const B = 'consumer-v4'
/** The seeded two-person team of 明前龙井. */
const CAMPAIGN = 'gb-longjing'

const ADDRESS = { name: '小满', phone: '13700137000', region: '浙江省杭州市西湖区', detail: '龙井路 1 号' }

/** The team checkout the last tap opened: the address typed, `submit` tapped, paid; answers the team page it goes on to. */
async function payAtTeamCheckout(session: ReturnType<typeof journeyOf>, submit: string): Promise<RenderedPage> {
  const checkout = await follow(session)
  expect(checkout.route).toBe('packages/groupbuy/checkout/index')
  await typeAddress(checkout, ADDRESS)
  await checkout.tapButton(submit)
  expect(checkout.errors).toEqual([])
  expect(session.double.refusals).toEqual([])
  const team = await follow(session)
  expect(team.route).toBe('packages/groupbuy/team/index')
  return team
}

/** The team page as one of its members sees it: succeeded, both members, and 查看订单 opening their own order. */
async function seesTheTeam(page: RenderedPage, ownOrder: string, double: WxDouble): Promise<void> {
  for (const text of ['拼团成功', '团长小满', '林间听茶']) expect(textOf(page)).toContain(text)
  await page.tapButton('查看订单')
  expect(page.errors).toEqual([])
  expect(lastNavigation(double)).toBe(`/packages/order/detail/index?orderId=${ownOrder}`)
}

describe('weapp journey: a group-buy between two members', () => {
  const session = journeyOf(A)

  it('A opens a team, B joins it, both see the team; the store holds both paid seats', async () => {
    const { host, double } = session
    const campaign = (await double.call('groupbuy', 'detail', { id: CAMPAIGN }, A)) as GroupBuyDetail

    // A: the product, 发起拼团, the team checkout, paid.
    const product = await host.render('packages/product/detail/index', { id: campaign.productId })
    await product.tapButton('发起拼团')
    const teamOfA = await payAtTeamCheckout(session, '开团并支付')
    expect(double.payments).toHaveLength(1)
    const teamUrl = lastNavigation(double)

    const [leaderOrder] = double.payments
    const teamId = (await double.store.findOrder(leaderOrder))?.order.team?.teamId ?? ''
    const opened = await double.store.findTeam(teamId)
    expect(opened?.leaderId).toBe(A)
    expect(opened?.status).toBe('forming')
    expect(textOf(teamOfA)).toContain('还差 1 人成团')
    expect(textOf(teamOfA)).toContain('团长小满')

    // B opens the team A shared and joins it.
    double.signInAs(B)
    await host.render('pages/me/index')
    const teamForB = await host.open(teamUrl)
    await teamForB.tapButton('参与拼团')
    const teamAfterB = await payAtTeamCheckout(session, '参团并支付')
    expect(double.payments).toHaveLength(2)
    expect(lastNavigation(double)).toContain(teamId)

    const team = await double.store.findTeam(teamId)
    expect(team?.status).toBe('succeeded')
    expect(team?.seats.map((seat) => seat.memberId).sort()).toEqual([A, B].sort())
    for (const orderId of double.payments) {
      const order = (await double.store.findOrder(orderId))?.order
      expect(order?.team?.teamId).toBe(teamId)
      expect(order?.status).toBe('paid')
    }
    const [, joinerOrder] = double.payments
    await seesTheTeam(teamAfterB, joinerOrder, double)

    // A, back in the app, sees the same team.
    double.signInAs(A)
    await host.render('pages/me/index')
    await seesTheTeam(await host.open(teamUrl), leaderOrder, double)
  })
})
