import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { OrderDetailView, TeamView } from '../../types/api'
import { hasChromium, pickRegion } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

async function payAtTeamPrice(page: Page, button: string) {
  await page.locator('.address-form input[name="name"]').fill('王小明')
  await page.locator('.address-form input[name="phone"]').fill('13800001234')
  await pickRegion(page, '浙江省', '杭州市', '西湖区')
  await page.locator('.address-form input[name="detail"]').fill('文三路 100 号 2 幢 301')
  expect(await page.locator('.team-checkout__payable').textContent()).toBe('¥99.00')
  await page.locator('.team-checkout__submit', { hasText: button }).click()
  await page.locator('.taro-model__btn', { hasText: '确认支付' }).click()
  await page.waitForURL(/packages\/groupbuy\/team\/index\?teamId=/)
}

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('group-buy in the H5 build', () => {
  const shop = browserShop()

  it('two demo consumers complete a team of two', async () => {
    // The V1 consumer opens a team of the demo 明前龙井 两人团 from the product page and pays.
    const leader = await shop.signedInPage('新会员 · V1 顾客')
    await leader.page.goto(`${shop.url}#/packages/product/detail/index?id=p01`)
    await leader.page.locator('.team-section__open', { hasText: '发起拼团' }).click()
    await payAtTeamPrice(leader.page, '开团并支付')
    await expect.poll(() => leader.page.locator('.team-banner__title:visible').textContent()).toBe('拼团中')
    const teamId = new URL(leader.page.url().replace('#', '')).searchParams.get('teamId') ?? ''
    expect(teamId).not.toBe('')
    const view = await shop.api<TeamView>('groupbuy', 'team', { teamId })
    expect(view).toMatchObject({ status: 'forming', size: 2, seatsLeft: 1, seats: [{ nickname: '小满', leader: true, status: 'paid' }] })

    // The V4 consumer opens the shared team link and joins.
    const friend = await shop.signedInPage('老会员 · V4 顾客')
    await friend.page.goto(`${shop.url}#/packages/groupbuy/team/index?teamId=${teamId}&campaignId=gb-longjing`)
    await friend.page.reload()
    await friend.page.locator('.team-bar__main:visible', { hasText: '参与拼团' }).click()
    await payAtTeamPrice(friend.page, '参团并支付')
    await expect.poll(() => friend.page.locator('.team-banner__title:visible').textContent()).toBe('拼团成功')

    // Both paid orders belong to the team and may now ship; no one else is in it.
    const done = await shop.api<TeamView>('groupbuy', 'team', { teamId })
    expect(done).toMatchObject({ status: 'succeeded', seatsLeft: 0 })
    expect(done.seats.map((s) => [s.nickname, s.status])).toEqual([
      ['小满', 'paid'],
      ['林间听茶', 'paid'],
    ])
    const v4 = await signInAs(shop.url, 'consumer-v4')
    const joinedOrderId = (await shop.api<TeamView>('groupbuy', 'team', { teamId }, v4)).viewer.orderId!
    const order = await shop.api<OrderDetailView>('order', 'detail', { orderId: joinedOrderId }, v4)
    expect(order).toMatchObject({ status: 'paid', payable: 9_900, shipping: 0 })
    await expect
      .poll(() => leader.page.reload().then(() => leader.page.locator('.team-banner__title:visible').textContent()))
      .toBe('拼团成功')

    expect(leader.errors).toEqual([])
    expect(friend.errors).toEqual([])
    await leader.page.close()
    await friend.page.close()
  }, 180_000)
})
