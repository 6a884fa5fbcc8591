/**
 * Likes and favourites on CloudBase (the adapter through the real SDK over the emulator, a test
 * double): however members' taps interleave — each member liking, liking again and taking it back at
 * once — a post's count in `post_counts` is the number of its records, and a record exists at most
 * once per member and post. Likewise follows: a creator's follower count in `follow_counts` is the
 * number of follow records, however follows and unfollows interleave.
 */
import { describe, expect, it } from 'vitest'
import type { PostReaction } from '../../types/domain'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { emulatedEnvironment } from '../doubles/cloudbase-emulator/sdk'
import { T0, member, smallShop } from '../support/fixtures'
import { saveMember } from '../../cloudfunctions/src/app/members'

const COLLECTION: Record<PostReaction, string> = { like: 'post_likes', favourite: 'post_favourites' }

describe('likes and favourites under concurrent taps (cloudbase, real SDK)', () => {
  it('keeps each count equal to its records', async () => {
    const { db, environment } = await emulatedEnvironment()
    const store = new CloudbaseStore(db)
    await smallShop(store)
    const fans = Array.from({ length: 12 }, (_, i) => `fan${i}`)
    const tap = async (kind: PostReaction, on: boolean, memberId: string) => ({
      kind,
      outcome: on
        ? await store.addReaction(kind, { postId: 'post1', memberId, at: T0 })
        : await store.removeReaction(kind, 'post1', memberId),
    })

    const outcomes = await Promise.all(
      fans.flatMap((id, i) => [
        tap('like', true, id),
        tap('like', true, id),
        tap('favourite', true, id),
        // Half the fans also take their like back at the same moment.
        ...(i % 2 === 0 ? [tap('like', false, id)] : []),
      ]),
    )
    // Every tap that says it changed something did, once: what was added less what was removed is what stays.
    const net = (kind: PostReaction) =>
      outcomes.filter((t) => t.kind === kind && t.outcome === 'added').length -
      outcomes.filter((t) => t.kind === kind && t.outcome === 'removed').length

    const recordsOf = (kind: PostReaction) => environment.documents(COLLECTION[kind]).filter((d) => d.postId === 'post1')
    const counts = (await store.postCounts(['post1'])).get('post1')!
    expect(counts.likes).toBe(recordsOf('like').length)
    expect(counts.favourites).toBe(recordsOf('favourite').length)
    expect(counts.likes).toBe(2 + net('like'))
    expect(counts.favourites).toBe(fans.length)
    expect(net('favourite')).toBe(fans.length)
    // The odd fans' likes are certain (nothing took them back); brand's and v4's come with the shop.
    expect(counts.likes).toBeGreaterThanOrEqual(2 + fans.length / 2)
    for (const kind of ['like', 'favourite'] as const) {
      const ids = recordsOf(kind).map((d) => d._id)
      expect(new Set(ids).size).toBe(ids.length)
    }
  }, 60_000)
})

describe('follows under concurrent taps (cloudbase, real SDK)', () => {
  it('keeps each follower count equal to its records', async () => {
    const { db, environment } = await emulatedEnvironment()
    const store = new CloudbaseStore(db)
    await smallShop(store)
    const fans = Array.from({ length: 12 }, (_, i) => `fan${i}`)
    for (const [i, id] of fans.entries()) await saveMember(store, member(id, 1, { shareCode: `FANS${'ABCDEFGHJKLM'[i]}234` }))
    const tap = async (on: boolean, memberId: string, creatorId: string) =>
      on ? await store.follow({ followerId: memberId, creatorId, at: T0 }, 500) : await store.unfollow(memberId, creatorId)

    const outcomes = await Promise.all(
      fans.flatMap((id, i) => [
        tap(true, id, 'v4'),
        tap(true, id, 'v4'),
        tap(true, id, 'brand'),
        // Half the fans also unfollow v4 at the same moment.
        ...(i % 2 === 0 ? [tap(false, id, 'v4')] : []),
      ]),
    )
    const records = (creatorId: string) => environment.documents('follows').filter((d) => d.creatorId === creatorId)
    for (const creatorId of ['v4', 'brand']) {
      expect((await store.followCounts(creatorId)).followers, creatorId).toBe(records(creatorId).length)
      const ids = records(creatorId).map((d) => d._id)
      expect(new Set(ids).size).toBe(ids.length)
    }
    expect(records('brand').length).toBe(fans.length)
    expect(records('v4').length).toBe(
      outcomes.filter((o) => o === 'added').length - fans.length - outcomes.filter((o) => o === 'removed').length,
    )
    expect(records('v4').length).toBeGreaterThanOrEqual(fans.length / 2)
    for (const id of fans) {
      expect((await store.followCounts(id)).following, id).toBe(environment.documents('follows').filter((d) => d.followerId === id).length)
    }
  }, 60_000)
})
