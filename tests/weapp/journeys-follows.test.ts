/**
 * Following a creator in the built mini program: a new member finds 关注 empty, opens a post, taps its
 * author to reach the creator's page, follows them (the count rising by the record), and then sees
 * the creator's post under 关注 on the home page.
 */
import { describe, expect, it } from 'vitest'
import type { CursorPage, FeedPost, Page } from '../../types/api'
import { follow, journeyOf, textOf } from './journey'

/** A new member, who follows no one yet. */
const MEMBER = 'consumer-v1'

describe('weapp journey: following a creator from a post', () => {
  const session = journeyOf(MEMBER)

  it('follows the post’s author from their page and sees their post under 关注', async () => {
    const { host, double } = session
    const feed = (await double.call('catalog', 'feed', { pageSize: 20 }, MEMBER)) as Page<FeedPost>
    const post = feed.items.find((p) => p.author.certified)!
    const creatorId = post.author.id
    const followers = async () => (await double.store.followCounts(creatorId)).followers
    const before = await followers()

    const home = await host.render('pages/home/index')
    await home.tap('关注')
    expect(textOf(home)).toContain('还没有关注的创作者')

    const page = await host.render('packages/post/detail/index', { id: post.id })
    expect(textOf(page)).toContain('达人')
    await page.tap(post.author.nickname)
    const creator = await follow(session)
    expect(creator.route).toBe('packages/post/creator/index')
    expect(textOf(creator)).toContain(`${before} 人关注`)
    await creator.tap('关注')
    expect(creator.errors).toEqual([])
    expect(await followers()).toBe(before + 1)
    expect((await double.store.followedAmong(MEMBER, [creatorId])).has(creatorId)).toBe(true)
    expect(textOf(creator)).toContain('已关注')
    expect(textOf(creator)).toContain(`${before + 1} 人关注`)

    const again = await host.render('pages/home/index')
    await again.tap('关注')
    expect(again.errors).toEqual([])
    expect(textOf(again)).toContain(post.title)
    const following = (await double.call('post', 'following', {}, MEMBER)) as CursorPage<FeedPost>
    expect(following.items.every((p) => p.author.id === creatorId)).toBe(true)
  })
})
