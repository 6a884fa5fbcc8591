import { beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName } from '../../types/api'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, smallShop } from '../support/fixtures'

/** What a person may hold in a link: ids mistyped, cut short, or from another shop. */
const MALFORMED = ['abc', 'o123', '不存在的商品', '../../etc/passwd', 'x'.repeat(300), '']

/** Every lookup a person reaches by a link, and the "not found" it answers for an id that names nothing. */
const LOOKUPS: [FunctionName, string, string, string][] = [
  ['catalog', 'product', 'id', 'PRODUCT_NOT_FOUND'],
  ['catalog', 'post', 'id', 'NOT_FOUND'],
  ['order', 'detail', 'orderId', 'ORDER_NOT_FOUND'],
  ['order', 'cancel', 'orderId', 'ORDER_NOT_FOUND'],
  ['order', 'pay', 'orderId', 'ORDER_NOT_FOUND'],
  ['order', 'confirmReceipt', 'orderId', 'ORDER_NOT_FOUND'],
  ['redeem', 'item', 'id', 'ITEM_NOT_FOUND'],
  ['groupbuy', 'detail', 'id', 'GROUPBUY_NOT_FOUND'],
  ['groupbuy', 'team', 'teamId', 'TEAM_NOT_FOUND'],
]

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`links with a malformed id over ${adapter}`, () => {
    let store: Store
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay: new LocalPayProvider(store, clock), now: clock.now(), memberId: 'v1' })

    beforeEach(async () => {
      store = open()
      await smallShop(store)
    })

    it.each(LOOKUPS)(
      '%s.%s answers a malformed %s as not found, and a value that is not text as a bad request',
      async (fn, action, key, code) => {
        for (const id of MALFORMED)
          expect(await call(fn, action, { [key]: id }), `${key}=${id.slice(0, 20)}`).toMatchObject({ ok: false, code })
        expect(await call(fn, action, { [key]: 42 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      },
    )
  })
}
