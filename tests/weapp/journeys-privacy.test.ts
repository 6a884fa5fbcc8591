/**
 * The privacy guide in the built mini program, as the base library enforces it: copying an order's
 * number (a privacy API) before the member agreed brings up the page's 隐私保护指引 notice; 不同意
 * leaves the clipboard untouched, 同意 lets the copy through, and once agreed nothing asks again.
 */
import { describe, expect, it } from 'vitest'
import type { OrderView } from '../../types/api'
import { CONSUMER } from './pages'
import { journeyOf, textOf, toasts } from './journey'

describe('weapp journey: the privacy guide before a privacy API', () => {
  const session = journeyOf(CONSUMER)

  it('复制 asks through the notice: declined copies nothing, agreed copies, then it never asks again', async () => {
    const { host, double } = session
    const { items } = (await double.call('order', 'list', {}, CONSUMER)) as { items: OrderView[] }
    const order = items.find((o) => o.orderNo)
    if (!order?.orderNo) throw new Error('the seeded consumer has no numbered order')
    const detail = await host.render('packages/order/detail/index', { orderId: order.id })
    expect(textOf(detail)).not.toContain('隐私保护指引')

    await detail.tap('复制')
    expect(textOf(detail)).toContain('隐私保护指引')
    await detail.tapButton('不同意')
    expect(textOf(detail)).not.toContain('隐私保护指引')
    expect(double.clipboard()).toBe('')
    expect(double.privacyAgreed()).toBe(false)
    expect(toasts(double)).toContain('同意隐私保护指引后才能使用此功能')

    await detail.tap('复制')
    expect(textOf(detail)).toContain('隐私保护指引')
    await detail.tapButton('同意')
    expect(textOf(detail)).not.toContain('隐私保护指引')
    expect(double.privacyAgreed()).toBe(true)
    expect(double.clipboard()).toBe(order.orderNo)

    await (double.wx.setClipboardData as (o: { data: string }) => Promise<unknown>)({ data: '' })
    await detail.tap('复制')
    expect(textOf(detail)).not.toContain('隐私保护指引')
    expect(double.clipboard()).toBe(order.orderNo)
    expect(detail.errors).toEqual([])
  })
})
