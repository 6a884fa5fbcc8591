import { describe, expect, it } from 'vitest'
import type { CampaignAdminView, CampaignView } from '../../types/api'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('an operator switching a campaign in the H5 build', () => {
  const shop = browserShop()
  const api = shop.api

  it('takes the points week off the consumers’ home page and puts it back', async () => {
    // A consumer sees the seeded points week at the top of the home page.
    const consumer = await shop.signedInPage('老会员 · V4 顾客')
    const consumerToken = await signInAs(shop.url, 'consumer-v4')
    const strip = (id: string) => consumer.page.locator(`.campaign-strip__item[data-campaign="${id}"]`)
    await consumer.page.goto(`${shop.url}#/pages/home/index`)
    await strip('points-week').waitFor()
    expect(await strip('points-week').textContent()).toContain('会员积分周 · 消费双倍积分')

    // The operator opens the console from the 我的 tab and switches the points week off.
    const operator = await shop.signedInPage('运营')
    await operator.page.locator('.nut-cell', { hasText: '运营后台' }).click()
    const card = operator.page.locator('.ops-campaign[data-campaign="points-week"]')
    const state = () => card.locator('.ops-state').textContent()
    await expect.poll(state).toBe('生效中')
    await card.locator('.nut-switch').click()
    await expect.poll(state).toBe('已停用')
    const operatorToken = await signInAs(shop.url, 'operator')
    const stored = async () =>
      (await api<{ campaigns: CampaignAdminView[] }>('campaign', 'list', {}, operatorToken)).campaigns.find((c) => c.id === 'points-week')
    expect(await stored()).toMatchObject({ inForce: false, campaign: { enabled: false } })

    // The consumer's home page no longer announces it; the other campaigns in force still show.
    await consumer.page.reload()
    await strip('checkin-plus').waitFor()
    expect(await strip('points-week').count()).toBe(0)
    const active = await api<CampaignView[]>('campaign', 'active', {}, consumerToken)
    expect(active.map((c) => c.id)).not.toContain('points-week')

    // Switched back on, it is in force again and back on the home page.
    await card.locator('.nut-switch').click()
    await expect.poll(state).toBe('生效中')
    expect(await stored()).toMatchObject({ inForce: true, campaign: { enabled: true } })
    await consumer.page.reload()
    await strip('points-week').waitFor()

    // Both changes are in the audit log, by the operator.
    const audit = await api<{ items: { actor: string; action: string; target: string }[] }>(
      'campaign',
      'audit',
      { pageSize: 5 },
      operatorToken,
    )
    expect(audit.items.slice(0, 2).map((e) => [e.actor, e.action, e.target])).toEqual([
      ['operator', 'enable', 'points-week'],
      ['operator', 'disable', 'points-week'],
    ])

    expect(consumer.errors).toEqual([])
    expect(operator.errors).toEqual([])
    await consumer.page.close()
    await operator.page.close()
  }, 120_000)
})
