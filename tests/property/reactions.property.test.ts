/**
 * Likes, favourites and follows under any interleaving: rounds of taps (like, unlike, favourite, unfavourite,
 * by several members on a few posts, repeats included) sent all at once, with a member's account
 * deleted now and then. After each round every post's counts are the number of its records, a record
 * exists at most once per member and post, and the last word of a member who tapped only once per
 * round decides their state.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PostReaction } from '../../types/domain'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, post, smallShop } from '../support/fixtures'

const MEMBERS = ['fan0', 'fan1', 'fan2', 'fan3', 'v4']
const POSTS = ['post1', 'post2', 'post5']
const ACTIONS = ['like', 'unlike', 'favourite', 'unfavourite'] as const

type Tap = { member: number; post: number; action: (typeof ACTIONS)[number] }
const kindOf = (action: Tap['action']): PostReaction => (action.endsWith('like') ? 'like' : 'favourite')
type Round = { taps: Tap[]; erase: number | null }

const round: fc.Arbitrary<Round> = fc.record({
  taps: fc.array(
    fc.record({
      member: fc.nat({ max: MEMBERS.length - 1 }),
      post: fc.nat({ max: POSTS.length - 1 }),
      action: fc.constantFrom(...ACTIONS),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  erase: fc.option(fc.nat({ max: MEMBERS.length - 1 }), { freq: 5 }),
})

async function checkCounts(store: Store) {
  const counts = await store.postCounts(POSTS)
  const everyone = [...MEMBERS, 'brand', 'v1']
  const reactions = await Promise.all(everyone.map((id) => store.reactionsOf(id, POSTS)))
  for (const postId of POSTS) {
    const records = (kind: PostReaction) => reactions.filter((r) => r[kind].has(postId)).length
    expect(counts.get(postId), postId).toEqual({ likes: records('like'), favourites: records('favourite') })
  }
  return reactions
}

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`likes and favourites under concurrent taps over ${adapter}`, () => {
    it('keep every count equal to its records, whatever the order the taps land in', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(round, { minLength: 1, maxLength: 5 }), async (rounds) => {
          const store = open()
          const clock = new SteppedClock(T0)
          const pay = new LocalPayProvider(store, clock)
          await smallShop(store)
          await store.putPost(post('post5', { createdAt: T0 - 20 }))
          for (const [i, id] of MEMBERS.slice(0, 4).entries()) await saveMember(store, member(id, 1, { shareCode: `FANS${'ABCD'[i]}234` }))
          const call = (fn: 'post' | 'member', action: string, data: unknown, memberId: string) =>
            dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })

          for (const { taps, erase } of rounds) {
            const answers = await Promise.all([
              ...taps.map((t) => call('post', t.action, { postId: POSTS[t.post] }, MEMBERS[t.member])),
              ...(erase === null ? [] : [call('member', 'deleteAccount', { confirm: '注销账号' }, MEMBERS[erase])]),
            ])
            for (const answer of answers) expect(answer).toMatchObject({ ok: true })
            clock.advance(1_000)
            const reactions = await checkCounts(store)
            // A member's only tap on a post in a round (and no erasure of theirs) decides its state.
            for (const t of taps) {
              const same = taps.filter((o) => o.member === t.member && o.post === t.post && kindOf(o.action) === kindOf(t.action))
              if (same.length !== 1 || erase === t.member) continue
              expect(reactions[t.member][kindOf(t.action)].has(POSTS[t.post]), `${MEMBERS[t.member]} ${t.action} ${POSTS[t.post]}`).toBe(
                !t.action.startsWith('un'),
              )
            }
          }
        }),
        { numRuns: adapter === 'sqlite' ? 200 : 100 },
      )
    }, 120_000)
  })
}

const CREATORS = ['brand', 'v4', 'star']
const FOLLOW_ACTIONS = ['follow', 'unfollow'] as const
type FollowTap = { member: number; creator: number; action: (typeof FOLLOW_ACTIONS)[number] }
type FollowRound = { taps: FollowTap[]; erase: number | null }

const followRound: fc.Arbitrary<FollowRound> = fc.record({
  taps: fc.array(
    fc.record({
      member: fc.nat({ max: MEMBERS.length - 1 }),
      creator: fc.nat({ max: CREATORS.length - 1 }),
      action: fc.constantFrom(...FOLLOW_ACTIONS),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  // Only fans' accounts are deleted, so every creator stays followable.
  erase: fc.option(fc.nat({ max: 3 }), { freq: 5 }),
})

/** Every member's two counts are the number of their follow records, both ways. */
async function checkFollowCounts(store: Store) {
  const everyone = [...new Set([...MEMBERS, ...CREATORS, 'v1'])]
  const follows = await Promise.all(everyone.map((id) => store.followedAmong(id, CREATORS)))
  for (const [i, id] of everyone.entries()) {
    const counts = await store.followCounts(id)
    expect(counts.following, `${id} following`).toBe(follows[i].size)
    expect(counts.followers, `${id} followers`).toBe(follows.filter((f) => f.has(id)).length)
  }
  return follows
}

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`follows under concurrent taps over ${adapter}`, () => {
    it('keep every follower count equal to its records, whatever the order the taps land in', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(followRound, { minLength: 1, maxLength: 5 }), async (rounds) => {
          const store = open()
          const clock = new SteppedClock(T0)
          const pay = new LocalPayProvider(store, clock)
          await smallShop(store)
          await saveMember(store, member('star', 2, { shareCode: 'STAR2345' }))
          await store.putPost(post('star1', { authorId: 'star', kind: 'ugc', createdAt: T0 - 30 }))
          for (const [i, id] of MEMBERS.slice(0, 4).entries()) await saveMember(store, member(id, 1, { shareCode: `FANS${'ABCD'[i]}234` }))
          const call = (fn: 'post' | 'member', action: string, data: unknown, memberId: string) =>
            dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })

          for (const { taps, erase } of rounds) {
            // v4 is both a fan and a creator: its tap on itself is refused as following oneself.
            const answers = await Promise.all([
              ...taps.map((t) => call('post', t.action, { creatorId: CREATORS[t.creator] }, MEMBERS[t.member])),
              ...(erase === null ? [] : [call('member', 'deleteAccount', { confirm: '注销账号' }, MEMBERS[erase])]),
            ])
            for (const [i, answer] of answers.entries()) {
              const t = taps[i]
              if (t && MEMBERS[t.member] === CREATORS[t.creator]) expect(answer).toMatchObject({ ok: false, code: 'FOLLOW_SELF' })
              else expect(answer).toMatchObject({ ok: true })
            }
            clock.advance(1_000)
            const follows = await checkFollowCounts(store)
            const everyone = [...new Set([...MEMBERS, ...CREATORS, 'v1'])]
            // A member's only tap on a creator in a round (and no erasure of theirs) decides whether they follow.
            for (const t of taps) {
              const same = taps.filter((o) => o.member === t.member && o.creator === t.creator)
              if (same.length !== 1 || erase === t.member || MEMBERS[t.member] === CREATORS[t.creator]) continue
              const mine = follows[everyone.indexOf(MEMBERS[t.member])]
              expect(mine.has(CREATORS[t.creator]), `${MEMBERS[t.member]} ${t.action} ${CREATORS[t.creator]}`).toBe(t.action === 'follow')
            }
          }
        }),
        { numRuns: adapter === 'sqlite' ? 200 : 100 },
      )
    }, 120_000)
  })
}
