// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ActionName, FunctionName, Req } from '../../types/api'

/** Test double of the backend boundary: records touches, and can be told to fail. */
const fakeBackend = {
  touches: [] as unknown[],
  failing: false,
}

vi.mock('../../src/services/call', () => ({
  callFunction: <F extends FunctionName, A extends ActionName<F>>(_name: F, _action: A, data: Req<F, A>) => {
    fakeBackend.touches.push(data)
    return fakeBackend.failing ? Promise.reject({ code: 'INTERNAL', message: 'down' }) : Promise.resolve({ recorded: true })
  },
}))

// A fresh module per test: what counts as "the same entry" lives for one run of the app.
async function freshApp() {
  vi.resetModules()
  return import('../../src/services/touch')
}

beforeEach(() => {
  fakeBackend.touches = []
  fakeBackend.failing = false
})

describe('entry touchpoints', () => {
  it('records the scene, share code and product of a shared product card', async () => {
    const { recordEntry } = await freshApp()
    recordEntry({ path: 'packages/product/detail/index', scene: 1007, query: { id: 'p01', sc: 'ZAJGQTKH' } })
    expect(fakeBackend.touches).toEqual([
      { entryId: expect.any(String), scene: 1007, shareCode: 'ZAJGQTKH', productId: 'p01', path: '/packages/product/detail/index' },
    ])
  })

  it.each([1154, 1155])(
    'records a product shared to Moments (scene %i) with its scene, share code and product, as a chat card',
    async (scene) => {
      const { recordEntry } = await freshApp()
      // A Moments share opens the page with the query the sharer's page gave, and no other path.
      recordEntry({ path: 'packages/product/detail/index', scene, query: { id: 'p01', sc: 'ZAJGQTKH' } })
      expect(fakeBackend.touches).toEqual([
        { entryId: expect.any(String), scene, shareCode: 'ZAJGQTKH', productId: 'p01', path: '/packages/product/detail/index' },
      ])
    },
  )

  it.each([1007, 1154, 1155])('records a shared post (scene %i) as an entry brought by the post and the sharer', async (scene) => {
    const { recordEntry } = await freshApp()
    recordEntry({ path: 'packages/post/detail/index', scene, query: { id: 'post01', sc: 'ZAJGQTKH' } })
    expect(fakeBackend.touches).toEqual([
      { entryId: expect.any(String), scene, shareCode: 'ZAJGQTKH', postId: 'post01', path: '/packages/post/detail/index' },
    ])
  })

  it("records the share code and product a distributor's mini program code carries in its scene", async () => {
    const { recordEntry } = await freshApp()
    recordEntry({ path: 'packages/product/detail/index', scene: 1047, query: { scene: 'ZAJGQTKH%5Fp01' } })
    expect(fakeBackend.touches).toEqual([
      { entryId: expect.any(String), scene: 1047, shareCode: 'ZAJGQTKH', productId: 'p01', path: '/packages/product/detail/index' },
    ])
  })

  it('records a malformed scene as a plain visit by that scene, crediting no one', async () => {
    const { recordEntry } = await freshApp()
    recordEntry({ path: 'packages/product/detail/index', scene: 1047, query: { scene: 'zajgqtkh_p01' } })
    recordEntry({ path: 'packages/product/detail/index', scene: 1048, query: { scene: `ZAJGQTKH_${'p'.repeat(24)}` } })
    expect(fakeBackend.touches).toEqual([
      { entryId: expect.any(String), scene: 1047, path: '/packages/product/detail/index' },
      { entryId: expect.any(String), scene: 1048, path: '/packages/product/detail/index' },
    ])
  })

  it('counts a second scan of the same code while the app stays open as the same entry', async () => {
    const { recordEntry } = await freshApp()
    const fromCode = { path: 'packages/product/detail/index', scene: 1047, query: { scene: 'ZAJGQTKH_p01' } }
    recordEntry(fromCode)
    recordEntry(fromCode)
    recordEntry({ ...fromCode, query: { scene: 'ZAJGQTKH_p02' } })
    expect(fakeBackend.touches).toMatchObject([{ productId: 'p01' }, { productId: 'p02' }])
  })

  it("records a team poster's mini program code, whose scene is the team id, as an entry to the team page crediting no one", async () => {
    const { recordEntry } = await freshApp()
    recordEntry({ path: 'packages/groupbuy/team/index', scene: 1047, query: { scene: 't3f9a%2D01' } })
    expect(fakeBackend.touches).toEqual([{ entryId: expect.any(String), scene: 1047, path: '/packages/groupbuy/team/index' }])
  })

  it('never reads a team id that looks like a product scene as a share code', async () => {
    const { recordEntry } = await freshApp()
    recordEntry({ path: 'packages/groupbuy/team/index', scene: 1047, query: { scene: 'ZAJGQTKH_p01' } })
    expect(fakeBackend.touches).toEqual([{ entryId: expect.any(String), scene: 1047, path: '/packages/groupbuy/team/index' }])
  })

  it("counts a scan of another team's code as a new entry, a second scan of the same code not", async () => {
    const { recordEntry } = await freshApp()
    const fromCode = { path: 'packages/groupbuy/team/index', scene: 1047, query: { scene: 'team-1' } }
    recordEntry(fromCode)
    recordEntry(fromCode)
    recordEntry({ ...fromCode, query: { scene: 'team-2' } })
    expect(fakeBackend.touches).toHaveLength(2)
  })

  it("keeps the campaign and the sharer's code of a team card", async () => {
    const { recordEntry } = await freshApp()
    recordEntry({
      path: 'packages/groupbuy/team/index',
      scene: 1007,
      query: { teamId: 'team-1', campaignId: 'gb-longjing', sc: 'ZAJGQTKH' },
    })
    expect(fakeBackend.touches).toEqual([
      { entryId: expect.any(String), scene: 1007, shareCode: 'ZAJGQTKH', campaignId: 'gb-longjing', path: '/packages/groupbuy/team/index' },
    ])
  })

  it('names no product when the entry page is not a product page', async () => {
    const { recordEntry } = await freshApp()
    recordEntry({ path: '/pages/home/index', scene: 0, query: { id: 'p01', postId: 'post01', campaignId: 'cmp1' } })
    expect(fakeBackend.touches).toEqual([
      { entryId: expect.any(String), scene: 0, postId: 'post01', campaignId: 'cmp1', path: '/pages/home/index' },
    ])
  })

  it('does not count coming back to the foreground from the same source as a new entry', async () => {
    const { recordEntry } = await freshApp()
    const fromCard = { path: 'pages/home/index', scene: 1007, query: { sc: 'ZAJGQTKH' } }
    recordEntry(fromCard)
    recordEntry({ ...fromCard, path: 'packages/product/detail/index' })
    expect(fakeBackend.touches).toHaveLength(1)

    recordEntry({ path: 'pages/home/index', scene: 1007, query: { sc: '7CXBTMFV' } })
    expect(fakeBackend.touches).toHaveLength(2)
    const [first, second] = fakeBackend.touches as { entryId: string }[]
    expect(first.entryId).not.toBe(second.entryId)
  })

  it('decodes parameters the mini program hands over still URL-encoded', async () => {
    const { recordEntry } = await freshApp()
    recordEntry({ path: 'pages/home/index', scene: 1047, query: { campaignId: '%E5%8F%8C11' } })
    expect(fakeBackend.touches).toMatchObject([{ campaignId: '双11' }])
  })

  it('never throws when the backend cannot record the touch', async () => {
    fakeBackend.failing = true
    const { recordEntry, recordProductFromPost } = await freshApp()
    expect(() => recordEntry({ path: 'pages/home/index', scene: 1001, query: {} })).not.toThrow()
    expect(() => recordProductFromPost('p01', 'post01')).not.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(fakeBackend.touches).toHaveLength(2)
  })
})
