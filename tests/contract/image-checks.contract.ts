import { describe, expect, it } from 'vitest'
import type { ImageCheck } from '../../types/domain'
import type { Store } from '../../cloudfunctions/src/store/port'
import { T0 } from '../support/fixtures'

const check = (traceId: string, subject: string, url: string, overrides: Partial<ImageCheck> = {}): ImageCheck => ({
  traceId,
  subject,
  memberId: 'v1',
  url,
  verdict: 'pending',
  sentAt: T0,
  decidedAt: null,
  replaces: null,
  ...overrides,
})

/** Images sent to content security: one check per subject and image, found by trace id, settled once. */
export function imageCheckContract(adapter: string, open: () => Promise<Store>) {
  describe(`image check store contract: ${adapter}`, () => {
    it('keeps one check per subject and image, and finds it by its trace id', async () => {
      const store = await open()
      expect(await store.addImageCheck(check('t1', 'post:a', '/u/1.jpg'))).toBe('added')
      expect(await store.addImageCheck(check('t2', 'post:a', '/u/1.jpg'))).toBe('exists')
      // The same image under another subject is another check.
      expect(await store.addImageCheck(check('t3', 'post:b', '/u/1.jpg', { sentAt: T0 + 1 }))).toBe('added')
      expect(await store.addImageCheck(check('t4', 'post:a', '/u/2.jpg', { sentAt: T0 + 2 }))).toBe('added')
      expect(await store.findImageCheck('t2')).toBeNull()
      expect(await store.findImageCheck('t1')).toEqual(check('t1', 'post:a', '/u/1.jpg'))
      expect((await store.imageChecksOf(['post:a', 'post:b'])).map((c) => c.traceId).sort()).toEqual(['t1', 't3', 't4'])
      expect(await store.imageChecksOf([])).toEqual([])
    })

    it('gives a pending check its first verdict only, also when verdicts race', async () => {
      const store = await open()
      await store.addImageCheck(check('t1', 'avatar:v1', '/u/1.jpg'))
      const settled = await Promise.all([
        store.settleImageCheck('t1', 'pass', T0 + 5),
        store.settleImageCheck('t1', 'risky', T0 + 6),
        store.settleImageCheck('t1', 'pass', T0 + 7),
      ])
      expect(settled.filter(Boolean)).toHaveLength(1)
      expect(await store.settleImageCheck('t1', 'risky', T0 + 9)).toBe(false)
      expect(await store.settleImageCheck('unknown', 'pass', T0)).toBe(false)
      const decided = await store.findImageCheck('t1')
      expect(decided?.verdict).not.toBe('pending')
      expect(decided?.decidedAt).toBeGreaterThan(T0)
    })
  })
}
