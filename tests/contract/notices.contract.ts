import { describe, expect, it } from 'vitest'
import type { Store } from '../../cloudfunctions/src/store/port'
import { T0 } from '../support/fixtures'

/** WeChat Pay notifications already handled: both adapters remember them by receipt, once. */
export function noticeContract(adapter: string, open: () => Promise<Store>) {
  describe(`notice store contract: ${adapter}`, () => {
    const first = ['wxpay-notice:EV-2018022511223320873', 'wxpay-signature:0f3a']

    it('remembers a handled notification under each of its receipts', async () => {
      const store = await open()
      expect(await store.noticeHandled(first)).toBe(false)
      await store.recordNoticeHandled(first, T0)
      expect(await store.noticeHandled([first[0]])).toBe(true)
      expect(await store.noticeHandled([first[1]])).toBe(true)
      // Any one receipt is enough: a redelivery (same id, new signature) or a replay (same signature).
      expect(await store.noticeHandled(['wxpay-notice:EV-2018022511223320873', 'wxpay-signature:77aa'])).toBe(true)
      expect(await store.noticeHandled(['wxpay-notice:EV-2018022511223320999', 'wxpay-signature:0f3a'])).toBe(true)
      expect(await store.noticeHandled(['wxpay-notice:EV-2018022511223320999', 'wxpay-signature:77aa'])).toBe(false)
      expect(await store.noticeHandled([])).toBe(false)
    })

    it('records again without complaint and keeps what it had, also when deliveries record at once', async () => {
      const store = await open()
      await Promise.all([store.recordNoticeHandled(first, T0), store.recordNoticeHandled(first, T0)])
      await store.recordNoticeHandled([first[0], 'wxpay-signature:77aa'], T0 + 1)
      expect(await store.noticeHandled(['wxpay-signature:77aa'])).toBe(true)
      expect(await store.noticeHandled([first[1]])).toBe(true)
    })

    it('tells one notification from another that only looks alike', async () => {
      const store = await open()
      await store.recordNoticeHandled(first, T0)
      expect(await store.noticeHandled(['wxpay-notice:EV-201802251122332087'])).toBe(false)
      expect(await store.noticeHandled(['wxpay-notice:ev-2018022511223320873'])).toBe(false)
      expect(await store.noticeHandled(['EV-2018022511223320873'])).toBe(false)
    })
  })
}
