/**
 * Likes and favourites on CloudBase (the adapter through the real SDK over the emulator, a test
 * double): however members' taps interleave — each member liking, liking again and taking it back at
 * once — a post's count in `post_counts` is the number of its records, and a record exists at most
 * once per member and post.
 */
import { describe, expect, it } from 'vitest'
import type { PostReaction } from '../../types/domain'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { emulatedEnvironment } from '../doubles/cloudbase-emulator/sdk'
import { T0, smallShop } from '../support/fixtures'

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
