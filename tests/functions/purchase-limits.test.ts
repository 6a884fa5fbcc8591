import { beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName, OrderView, QuoteView } from '../../types/api'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { limitProblem } from '../../cloudfunctions/src/core/limits'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, product, sku, smallShop } from '../support/fixtures'

const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

describe('the purchase-limit rule', () => {
  const base = { title: '新人尝鲜礼包', inOrder: 1, held: 0, newMember: true }
  it('allows what no limit stops, and says which limit stops the rest', () => {
    expect(limitProblem({ ...base, limits: null })).toBeNull()
    expect(limitProblem({ ...base, limits: { perOrder: 2 }, inOrder: 2 })).toBeNull()
    expect(limitProblem({ ...base, limits: { perOrder: 2 }, inOrder: 3 })).toBe('「新人尝鲜礼包」每单限购 2 件')
    expect(limitProblem({ ...base, limits: { perMember: 3 }, inOrder: 2, held: 1 })).toBeNull()
    expect(limitProblem({ ...base, limits: { perMember: 3 }, inOrder: 2, held: 2 })).toBe('「新人尝鲜礼包」每人限购 3 件，你还可以买 1 件')
    expect(limitProblem({ ...base, limits: { perMember: 1 }, held: 1 })).toBe('「新人尝鲜礼包」每人限购 1 件，你已购买过')
    expect(limitProblem({ ...base, limits: { newMembersOnly: true }, newMember: false })).toBe('「新人尝鲜礼包」仅限首次下单的新会员购买')
  })
})

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`purchase limits over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    let requests = 0
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    const items = (quantity = 1) => [{ skuId: 'p9-s1', quantity }]
    const create = (who: string, quantity = 1, expectedPayable = 990 * quantity + 1000) =>
      call(
        'order',
        'create',
        { requestId: `limit-${String((requests += 1)).padStart(5, '0')}`, items: items(quantity), address, expectedPayable },
        who,
      )
    const stock = async () => (await store.findSkus(['p9-s1']))[0].stock

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('newbie', 1, { shareCode: 'NEWBIE23' }))
      // 新人尝鲜礼包: one per member ever, new members only, ¥9.90 (shipping ¥10 under the free-shipping line).
      await store.putProduct(
        product('p9', {
          title: '新人尝鲜礼包',
          skus: [sku('p9', 1, 990, 50)],
          limits: { perOrder: 1, perMember: 1, newMembersOnly: true },
        }),
      )
    })

    it('refuses more than the order limit when quoting and creating, and places nothing', async () => {
      expect(await call('order', 'quote', { items: items(2) }, 'newbie')).toMatchObject({
        ok: false,
        code: 'LIMIT_REACHED',
        message: '「新人尝鲜礼包」每单限购 1 件',
      })
      expect(await create('newbie', 2)).toMatchObject({ ok: false, code: 'LIMIT_REACHED' })
      expect(await stock()).toBe(50)
      const quoted = await ok<QuoteView>(call('order', 'quote', { items: items(1) }, 'newbie'))
      expect(quoted.lines[0].quantity).toBe(1)
    })

    it('lets a member hold one ever: a second order is refused, a cancelled one gives the allowance back', async () => {
      const first = await ok<{ order: OrderView }>(
        create('newbie', 1, (await ok<QuoteView>(call('order', 'quote', { items: items() }, 'newbie'))).payable),
      )
      const again = await call('order', 'quote', { items: items() }, 'newbie')
      expect(again).toMatchObject({ ok: false, code: 'LIMIT_REACHED', message: '「新人尝鲜礼包」每人限购 1 件，你已购买过' })
      await ok(call('order', 'cancel', { orderId: first.order.id }, 'newbie'))
      const quoted = await ok<QuoteView>(call('order', 'quote', { items: items() }, 'newbie'))
      const second = await ok<{ order: OrderView }>(create('newbie', 1, quoted.payable))
      await pay.pay(second.order.id, false)
      expect(await call('order', 'quote', { items: items() }, 'newbie')).toMatchObject({ ok: false, code: 'LIMIT_REACHED' })
      expect(await stock()).toBe(49)
    })

    it('is for new members only: a member who has paid for an order before is refused', async () => {
      const tea = [{ skuId: 'p1-s1', quantity: 1 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items: tea }, 'v1'))
      const { order } = await ok<{ order: OrderView }>(
        call('order', 'create', { requestId: 'limit-paid-0001', items: tea, address, expectedPayable: q.payable }, 'v1'),
      )
      await pay.pay(order.id, false)
      expect(await call('order', 'quote', { items: items() }, 'v1')).toMatchObject({
        ok: false,
        code: 'LIMIT_REACHED',
        message: '「新人尝鲜礼包」仅限首次下单的新会员购买',
      })
    })

    it('gives a member racing ten orders of a limit-one item exactly one', async () => {
      const { payable } = await ok<QuoteView>(call('order', 'quote', { items: items() }, 'newbie'))
      const answers = await Promise.all(Array.from({ length: 10 }, () => create('newbie', 1, payable)))
      expect(answers.filter((a) => a.ok)).toHaveLength(1)
      for (const refused of answers.filter((a) => !a.ok)) expect(refused).toMatchObject({ code: 'LIMIT_REACHED' })
      expect(await stock()).toBe(49)
      expect(await store.purchasedUnits('newbie', ['p9'])).toEqual({ p9: 1 })
    })

    it('leaves products without limits alone', async () => {
      const tea = [{ skuId: 'p3-s1', quantity: 5 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items: tea }, 'v4'))
      expect(q.lines[0].quantity).toBe(5)
    })
  })
}
