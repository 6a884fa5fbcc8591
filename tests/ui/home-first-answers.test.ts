// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { HANDOFF } from '../../src/first-screen/handoff'

/** Test double of the home page's requests: counts each ask and answers with what was asked. */
const asks: string[] = []
vi.mock('../../src/pages/home/requests', () => ({
  homeRequests: {
    featured: () => (asks.push('featured'), Promise.resolve(`featured#${asks.length}`)),
    feedPage: (page: number) => (asks.push(`feed ${page}`), Promise.resolve(`feed#${asks.length}`)),
    campaigns: () => (asks.push('campaigns'), Promise.resolve(`campaigns#${asks.length}`)),
  },
}))

async function freshLaunch(hash: string, token: string | null) {
  vi.resetModules()
  window.location.hash = hash
  const { useSession } = await import('../../src/stores/session')
  useSession.setState({ token })
  return { ...(await import('../../src/pages/home/firstAnswers.h5')), useSession }
}

beforeEach(() => {
  asks.length = 0
})

describe('the home page’s first answers in the browser', () => {
  it('are asked for at launch and each taken once by the page', async () => {
    const { askHomeEarly, firstAnswer } = await freshLaunch('', 'token-a')
    askHomeEarly()
    expect(asks).toEqual(['featured', 'feed 1', 'campaigns'])
    const again = () => Promise.resolve('asked again')
    expect(await firstAnswer('featured', again)).toBe('featured#1')
    expect(await firstAnswer('feed', again)).toBe('feed#2')
    // A second load (pull to refresh) asks again.
    expect(await firstAnswer('featured', again)).toBe('asked again')
  })

  it('are not used for a session other than the one they were asked in', async () => {
    const { askHomeEarly, firstAnswer, useSession } = await freshLaunch('#/pages/home/index', null)
    askHomeEarly()
    useSession.setState({ token: 'token-b' })
    expect(await firstAnswer('featured', () => Promise.resolve('asked as b'))).toBe('asked as b')
  })

  it('take the featured products and campaigns index.html asked for, for the session it asked as', async () => {
    const { askHomeEarly, firstAnswer, useSession } = await freshLaunch('', 'token-a')
    const items = { items: [], page: 1, pageSize: 6, total: 0, hasMore: false }
    const handoff = () => ({
      token: 'token-a',
      featured: Promise.resolve({ ok: true, data: items }),
      campaigns: Promise.resolve({ ok: true, data: [] }),
    })
    Object.assign(window, { [HANDOFF]: handoff() })
    askHomeEarly()
    expect(asks).toEqual(['feed 1'])
    expect(await firstAnswer('featured', () => Promise.resolve('asked again'))).toEqual(items)
    expect(await firstAnswer('campaigns', () => Promise.resolve('asked again'))).toEqual([])

    Object.assign(window, { [HANDOFF]: handoff() })
    askHomeEarly()
    useSession.setState({ token: 'token-b' })
    expect(await firstAnswer('featured', () => Promise.resolve('asked as b'))).toBe('asked as b')
  })

  it('are not asked for when the shop opens on another page', async () => {
    const { askHomeEarly } = await freshLaunch('#/packages/product/detail/index?id=p01', 'token-a')
    askHomeEarly()
    expect(asks).toEqual([])
  })
})
