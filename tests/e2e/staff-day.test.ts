import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { DistributorDashboard, OrderDetailView, OrderView, QuoteView } from '../../types/api'
import { fenToYuan } from '../../cloudfunctions/src/core/pricing'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

const DAY = 86_400_000
const DESK = { width: 1280, height: 800 }
const address = { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号 2 幢 301' }

/** A button by its words (NutUI draws Taro's button element, which carries no role in the browser build). */
const button = (scope: Page | Locator, name: string) => scope.locator('taro-button-core', { hasText: new RegExp(`^\\s*${name}\\s*$`) })

/** Taro's H5 modal is drawn last in the page: its confirm button is the last text of that name. */
const confirmModal = (page: Page, confirmText: string) => page.getByText(confirmText, { exact: true }).last().click()

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('a staff day in the H5 build', () => {
  const shop = browserShop()
  const api = shop.api
  const post = async (route: string, body: unknown) => {
    const res = await fetch(new URL(route, shop.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(res.ok, route).toBe(true)
  }
  const runJob = (name: string) => post(`/dev/jobs/${name}`, {})

  async function paidOrder(buyer: string, requestId: string, skuId: string, shareCode?: string): Promise<OrderView> {
    const token = await signInAs(shop.url, buyer)
    if (shareCode) {
      const touch = {
        entryId: `${requestId}-entry`,
        scene: 1007,
        shareCode,
        productId: skuId.split('-')[0],
        path: '/packages/product/detail/index',
      }
      await api('catalog', 'touch', touch, token)
    }
    const items = [{ skuId, quantity: 1 }]
    const { payable } = await api<QuoteView>('order', 'quote', { items }, token)
    const { order } = await api<{ order: OrderView }>('order', 'create', { requestId, items, address, expectedPayable: payable }, token)
    await post('/dev/pay', { orderId: order.id })
    return order
  }

  it('the 客服 ships at a desk, the buyer confirms receipt, and a week later the KOC’s commission is available', async () => {
    const kocToken = await signInAs(shop.url, 'koc')
    const code = (await api<{ code: string }>('distribution', 'status', {}, kocToken)).code
    const order = await paidOrder('consumer-v1', 'staff-day-0001', 'p01-s1', code)
    await runJob('commissionsFromOrders')
    const before = await api<DistributorDashboard>('distribution', 'dashboard', {}, kocToken)

    // The 客服 finds the order by the buyer's phone and ships it from the orders table.
    const clerk = await shop.signedInPage('客服', DESK)
    await clerk.page.goto(`${shop.url}#/packages/ops/console/index`)
    await clerk.page.getByRole('textbox', { name: '订单号 / 手机后 4 位 / 会员编号' }).fill('1234')
    await button(clerk.page, '查找').click()
    const row = clerk.page.getByRole('row', { name: `订单 ${order.orderNo}` })
    await row.getByRole('radio', { name: '顺丰速运' }).click()
    await row.getByRole('textbox', { name: '运单号' }).fill('SF123456789012')
    await button(row, '发货').click()
    await expect.poll(() => row.textContent()).toContain('已发货：顺丰速运 SF123456789012')

    // The buyer sees the parcel and confirms receipt.
    const buyer = await shop.signedInPage('新会员 · V1 顾客')
    await buyer.page.goto(`${shop.url}#/packages/order/detail/index?orderId=${order.orderNo}`)
    await buyer.page.getByText('商品已发出：顺丰速运 SF123456789012').waitFor()
    await button(buyer.page, '确认收货').click()
    await confirmModal(buyer.page, '确认收货')
    await buyer.page.getByText('已收货', { exact: true }).waitFor()

    // A week later the after-sale window closed: the KOC can take the commission out.
    await runJob('commissionsFromOrders')
    await post('/dev/clock', { advanceMs: 7 * DAY + 3_600_000 })
    await runJob('commissionSettlement')
    const after = await api<DistributorDashboard>('distribution', 'dashboard', {}, kocToken)
    expect(after.available).toBeGreaterThan(before.available)
    const koc = await shop.signedInPage('KOC 分销员')
    await koc.page.goto(`${shop.url}#/packages/distributor/center/index`)
    await koc.page.getByRole('group', { name: `可提现 ¥${fenToYuan(after.available)}` }).waitFor()

    for (const who of [clerk, buyer, koc]) {
      expect(who.errors).toEqual([])
      await who.page.close()
    }
  })

  it('another buyer’s 退货退款 is approved, sent back, confirmed and refunded', async () => {
    const order = await paidOrder('consumer-v4', 'staff-day-0002', 'p24-s1')
    const owner = await signInAs(shop.url, 'operator')
    await api('order', 'ship', { orderId: order.orderNo, carrier: '中通快递', trackingNo: '750000000101' }, owner)

    // The buyer asks to send the goods back, with the reason picked.
    const buyer = await shop.signedInPage('老会员 · V4 顾客')
    await buyer.page.goto(`${shop.url}#/packages/order/refund/index?orderId=${order.orderNo}`)
    await buyer.page.getByRole('radio', { name: /退货退款/ }).click()
    await buyer.page.getByText('商品质量问题', { exact: true }).click()
    await button(buyer.page, '提交退款申请').click()
    await buyer.page.getByText('待商家审核', { exact: true }).waitFor()

    // The 客服 approves it in 售后 (the demo's own case waits there too).
    const clerk = await shop.signedInPage('客服', DESK)
    await clerk.page.goto(`${shop.url}#/packages/ops/console/index`)
    await clerk.page.getByRole('tablist', { name: '后台栏目' }).getByRole('tab', { name: '售后' }).click()
    const waiting = clerk.page.getByRole('group', { name: '林间听茶 的退货退款' })
    await button(waiting, '同意').click()
    await confirmModal(clerk.page, '同意')
    await waiting.getByText('待买家寄回', { exact: true }).waitFor()

    // The buyer sends the parcel to the return address shown.
    await buyer.page.reload()
    await buyer.page.getByText(/退货地址：山野茶集售后部/).waitFor()
    await buyer.page.getByRole('radio', { name: '韵达快递' }).click()
    await buyer.page.getByRole('textbox', { name: '运单号' }).fill('4312000000009')
    await button(buyer.page, '提交退货物流').click()
    await buyer.page.getByText('待商家收货', { exact: true }).waitFor()

    // The goods came back: the 客服 confirms, and the money goes back.
    await clerk.page.getByRole('tab', { name: '待确认收货' }).click()
    const returned = clerk.page.getByRole('group', { name: '林间听茶 的退货退款' })
    await returned.getByText('退货物流：韵达快递 4312000000009').waitFor()
    await button(returned, '确认收到退货').click()
    await confirmModal(clerk.page, '确认收货')
    await buyer.page.reload()
    await buyer.page.getByText('已关闭', { exact: true }).waitFor()
    const detail = await api<OrderDetailView>('order', 'detail', { orderId: order.id }, await signInAs(shop.url, 'consumer-v4'))
    expect(detail.refunds.map((r) => [r.kind, r.status])).toEqual([['return', 'refunded']])
    expect(detail.refundedAmount).toBe(detail.payable - detail.shipping)

    for (const who of [clerk, buyer]) {
      expect(who.errors).toEqual([])
      await who.page.close()
    }
  })
})
