import { beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../cloudfunctions/src/store/port'
import { T0, member, product, sku, smallShop } from '../support/fixtures'
import { startingTier } from '../../cloudfunctions/src/app/members'

/** The store contract: both adapters must behave identically for every port call. */
export function storeContract(adapter: string, open: () => Promise<Store>) {
  describe(`store contract: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
      await smallShop(store)
    })

    it('knows whether the shop has a catalog yet', async () => {
      expect(await store.isEmpty()).toBe(false)
      expect(await (await open()).isEmpty()).toBe(true)
    })

    it('lists categories by their sort order', async () => {
      expect((await store.listCategories()).map((c) => c.id)).toEqual(['c-tea', 'c-snack'])
    })

    it('lists only products on sale, filtered by category and featured flag', async () => {
      const all = await store.listProducts({ sort: 'default', offset: 0, limit: 10 })
      expect(all.items.map((p) => p.id)).toEqual(['p1', 'p2', 'p3', 'p4'])
      expect(all.total).toBe(4)
      const snacks = await store.listProducts({ categoryId: 'c-snack', sort: 'default', offset: 0, limit: 10 })
      expect(snacks.items.map((p) => p.id)).toEqual(['p3', 'p4'])
      const featured = await store.listProducts({ featured: true, sort: 'default', offset: 0, limit: 10 })
      expect(featured.items.map((p) => p.id)).toEqual(['p1', 'p3'])
    })

    it('sorts by sales, newest and lowest SKU price', async () => {
      const ids = async (sort: 'sales' | 'newest' | 'priceAsc' | 'priceDesc') =>
        (await store.listProducts({ sort, offset: 0, limit: 10 })).items.map((p) => p.id)
      expect(await ids('sales')).toEqual(['p2', 'p3', 'p1', 'p4'])
      expect(await ids('newest')).toEqual(['p4', 'p2', 'p3', 'p1'])
      expect(await ids('priceAsc')).toEqual(['p4', 'p3', 'p2', 'p1'])
      expect(await ids('priceDesc')).toEqual(['p1', 'p2', 'p3', 'p4'])
    })

    it('pages with offset and limit and reports the total', async () => {
      const second = await store.listProducts({ sort: 'default', offset: 2, limit: 2 })
      expect(second.items.map((p) => p.id)).toEqual(['p3', 'p4'])
      expect(second.total).toBe(4)
      const beyond = await store.listProducts({ sort: 'default', offset: 10, limit: 2 })
      expect(beyond.items).toEqual([])
      expect(beyond.total).toBe(4)
    })

    it('returns a product with its SKUs in order, and null for an unknown id', async () => {
      const p1 = await store.findProduct('p1')
      expect(p1?.skus.map((s) => [s.id, s.specs, s.price, s.stock])).toEqual([
        ['p1-s1', { 规格: '50g' }, 12800, 20],
        ['p1-s2', { 规格: '100g' }, 23800, 3],
      ])
      expect(p1?.featured).toBe(true)
      expect(p1?.commissionBps).toBeNull()
      expect(await store.findProduct('nope')).toBeNull()
      expect((await store.findProduct('p5'))?.status).toBe('off')
    })

    it('finds products by ids in the order asked, skipping unknown ones', async () => {
      expect((await store.findProducts(['p3', 'zz', 'p1'])).map((p) => p.id)).toEqual(['p3', 'p1'])
      expect(await store.findProducts([])).toEqual([])
    })

    it('rewrites a product and its SKUs when put again', async () => {
      await store.putProduct(product('p1', { title: '明前龙井（新）', skus: [sku('p1', 1, 9900, 7, { 规格: '50g' })] }))
      const p1 = await store.findProduct('p1')
      expect(p1?.title).toBe('明前龙井（新）')
      expect(p1?.skus[0]).toMatchObject({ price: 9900, stock: 7 })
      expect((await store.listProducts({ sort: 'priceAsc', offset: 0, limit: 1 })).items[0].id).toBe('p4')
    })

    it('refuses a SKU that belongs to another product and keeps both as they were', async () => {
      await expect(
        store.putProduct(product('p9', { skus: [sku('p9', 1, 100, 1), { ...sku('p1', 1, 1, 1), productId: 'p9' }] })),
      ).rejects.toThrow()
      expect(await store.findProduct('p9')).toBeNull()
      expect((await store.findProduct('p1'))?.skus[0].price).toBe(12800)
    })

    it('shows only approved posts in the feed, newest first, page after page from a cursor', async () => {
      const feed = await store.listFeed('newest', null, 10)
      expect(feed.map((e) => e.post.id)).toEqual(['post2', 'post1'])
      expect(feed[1].post.productIds).toEqual(['p1', 'p5'])
      expect(feed[0].key).toBe(feed[0].post.createdAt)
      const [first] = await store.listFeed('newest', null, 1)
      expect((await store.listFeed('newest', { key: first.key, id: first.post.id }, 10)).map((e) => e.post.id)).toEqual(['post1'])
      expect((await store.findPost('post3'))?.status).toBe('pending')
      expect(await store.findPost('nope')).toBeNull()
    })

    it('finds members by id and by share code', async () => {
      expect((await store.findMember('v4'))?.tier).toBe(4)
      expect(await store.findMember('ghost')).toBeNull()
      expect((await store.findMembers(['v1', 'v4', 'ghost'])).map((m) => m.id).sort()).toEqual(['v1', 'v4'])
      expect((await store.findMemberByShareCode('VFOUR234'))?.id).toBe('v4')
      expect(await store.findMemberByShareCode('NOPE2345')).toBeNull()
    })

    it('registers a member once: a second registration answers the first one unchanged', async () => {
      const firstMember = member('new1', 1, { nickname: '第一次', shareCode: 'NEWONE23' })
      const secondMember = member('new1', 5, { nickname: '第二次', shareCode: 'NEWONE23' })
      const first = await store.registerMember(firstMember, startingTier(firstMember))
      const again = await store.registerMember(secondMember, startingTier(secondMember))
      expect(first.nickname).toBe('第一次')
      expect(again).toEqual(first)
      expect((await store.findMember('new1'))?.tier).toBe(1)
    })

    it('records a touch once under its id', async () => {
      const touch = {
        id: 't1',
        memberId: 'v1',
        scene: 1007,
        shareCode: 'VFOUR234',
        postId: null,
        campaignId: null,
        productId: 'p1',
        path: 'packages/product/detail/index',
        at: T0,
        channel: 'share:VFOUR234',
      }
      expect(await store.recordTouch(touch)).toBe(true)
      expect(await store.recordTouch({ ...touch, at: T0 + 5 })).toBe(false)
      expect(await store.touchesBetween(T0, T0 + 10, null, 10)).toEqual([touch])
    })

    it('lists touches at [from, to) by (at, id), after a position', async () => {
      const base = { scene: 0, shareCode: null, postId: null, campaignId: null, productId: null, path: 'pages/home/index' }
      await store.recordTouch({ ...base, id: 'a', memberId: 'v1', at: T0, channel: 'direct' })
      await store.recordTouch({ ...base, id: 'b', memberId: 'v1', at: T0 + 10, channel: 'direct' })
      await store.recordTouch({ ...base, id: 'c', memberId: null, at: T0 + 20, channel: 'direct' })
      await store.recordTouch({ ...base, id: 'd', memberId: 'v4', at: T0 + 30, channel: 'post:post1' })
      await store.recordTouch({ ...base, id: 'e', memberId: 'v4', at: T0 + 40, channel: 'post:post1' })
      const ids = (touches: { id: string }[]) => touches.map((t) => t.id)
      expect(ids(await store.touchesBetween(T0, T0 + 40, null, 2))).toEqual(['a', 'b'])
      expect(ids(await store.touchesBetween(T0, T0 + 40, { at: T0 + 10, id: 'b' }, 10))).toEqual(['c', 'd'])
      expect(await store.touchesBetween(T0, T0 + 40, { at: T0 + 30, id: 'd' }, 10)).toEqual([])
    })

    it('keeps a timer job’s place, moved only from the version it was read at', async () => {
      expect(await store.findJobCursor('memberTags')).toEqual({ position: null, version: 0 })
      expect(await store.saveJobCursor('memberTags', 0, { day: '2026-11-20', after: 'v1' })).toBe(true)
      // A second run that read the same (empty) cursor cannot move it.
      expect(await store.saveJobCursor('memberTags', 0, { day: '2026-11-20', after: 'zz' })).toBe(false)
      expect(await store.findJobCursor('memberTags')).toEqual({ position: { day: '2026-11-20', after: 'v1' }, version: 1 })
      expect(await store.saveJobCursor('memberTags', 1, null)).toBe(true)
      expect(await store.saveJobCursor('memberTags', 1, { after: 'late' })).toBe(false)
      expect(await store.findJobCursor('memberTags')).toEqual({ position: null, version: 2 })
      // A channel name with a dot is data, never a field path.
      expect(await store.saveJobCursor('touchRollup', 0, { tally: [{ channel: 'share:a.b', members: ['m.1'] }] })).toBe(true)
      expect((await store.findJobCursor('touchRollup')).position).toEqual({ tally: [{ channel: 'share:a.b', members: ['m.1'] }] })
    })

    it('keeps a member’s address book whole, replaced only from the version it was read at', async () => {
      const home = {
        id: 'ad1',
        name: '张三',
        phone: '13800000000',
        region: '浙江省杭州市',
        detail: '龙井路 1 号',
        isDefault: true,
        usedAt: T0,
      }
      const office = { ...home, id: 'ad2', detail: '网商路 699 号', isDefault: false, usedAt: T0 + 1 }
      expect(await store.findAddressBook('v1')).toEqual({ entries: [], version: 0 })
      expect(await store.saveAddressBook('v1', [home, office], 0)).toBe(true)
      // A change decided from the empty book, after the first was kept, is refused.
      expect(await store.saveAddressBook('v1', [office], 0)).toBe(false)
      expect(await store.findAddressBook('v1')).toEqual({ entries: [home, office], version: 1 })
      // Entries are replaced whole: nothing of a removed or changed entry stays behind.
      expect(await store.saveAddressBook('v1', [{ ...office, isDefault: true }], 1)).toBe(true)
      expect(await store.saveAddressBook('v1', [home], 1)).toBe(false)
      expect(await store.findAddressBook('v1')).toEqual({ entries: [{ ...office, isDefault: true }], version: 2 })
      expect(await store.findAddressBook('v4')).toEqual({ entries: [], version: 0 })
    })

    it('replaces the rolled-up rows of a day', async () => {
      await store.replaceChannelDay('2026-11-20', [
        { day: '2026-11-20', channel: 'direct', visits: 3, visitors: 2 },
        { day: '2026-11-20', channel: 'post:post1', visits: 1, visitors: 1 },
      ])
      await store.replaceChannelDay('2026-11-21', [{ day: '2026-11-21', channel: 'direct', visits: 9, visitors: 9 }])
      await store.replaceChannelDay('2026-11-20', [{ day: '2026-11-20', channel: 'direct', visits: 4, visitors: 2 }])
      expect(await store.listChannelDays('2026-11-20', '2026-11-21')).toEqual([
        { day: '2026-11-20', channel: 'direct', visits: 4, visitors: 2 },
        { day: '2026-11-21', channel: 'direct', visits: 9, visitors: 9 },
      ])
      expect(await store.listChannelDays('2026-11-21', '2026-11-21')).toHaveLength(1)
    })
  })
}
