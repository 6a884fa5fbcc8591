/**
 * Likes and favourites in the built mini program: on a post's page the member likes it and keeps it
 * (the counts rising by their records), finds it under 我的 → 我的收藏, and lets it go from there.
 */
import { describe, expect, it } from 'vitest'
import type { FeedPost, Page } from '../../types/api'
import { follow, journeyOf, textOf } from './journey'

/** A new member, who has liked and kept nothing of their own choosing yet. */
const MEMBER = 'consumer-v1'

describe('weapp journey: liking and keeping a post', () => {
  const session = journeyOf(MEMBER)

  it('likes and keeps a post on its page, finds it in 我的收藏 and lets it go there', async () => {
    const { host, double } = session
    const feed = (await double.call('catalog', 'feed', { pageSize: 20 }, MEMBER)) as Page<FeedPost>
    const post = feed.items.find((p) => !p.liked && !p.favourited)!
    const counts = async () => (await double.store.postCounts([post.id])).get(post.id)!
    const mine = () => double.store.reactionsOf(MEMBER, [post.id])

    const page = await host.render('packages/post/detail/index', { id: post.id })
    expect(textOf(page)).toContain(`${post.likes} 人觉得有用`)
    await page.tap(`${post.likes} 人觉得有用`)
    expect(page.errors).toEqual([])
    expect(await counts()).toEqual({ likes: post.likes + 1, favourites: post.favourites })
    expect((await mine()).like.has(post.id)).toBe(true)
    expect(textOf(page)).toContain(`${post.likes + 1} 人觉得有用`)

    await page.tap(`收藏 ${post.favourites}`)
    expect(await counts()).toEqual({ likes: post.likes + 1, favourites: post.favourites + 1 })
    expect(textOf(page)).toContain(`已收藏 ${post.favourites + 1}`)

    const me = await host.render('pages/me/index')
    await me.tap('我的收藏')
    const favourites = await follow(session)
    expect(favourites.route).toBe('packages/post/favourites/index')
    expect(textOf(favourites)).toContain(post.title)
    await favourites.tap(`已收藏 ${post.favourites + 1}`)
    expect(favourites.errors).toEqual([])
    expect(await counts()).toEqual({ likes: post.likes + 1, favourites: post.favourites })
    expect((await mine()).favourite.has(post.id)).toBe(false)
  })
})
