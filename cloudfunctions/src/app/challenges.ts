import type { BadgeView, ChallengeView } from '../../../types/api'
import type { Challenge, Member, Post } from '../../../types/domain'
import { challengeProgress, challengeState, inWindow, readChallenge } from '../core/challenges'
import type { Store } from '../store/port'
import { applyPoints, grant } from './points'

/*
 * 打卡 challenges: operator documents in `challenges`, validated on every read. Progress is never a
 * stored figure: it is counted from the member's approved posts in the topic, so a rejected or
 * removed post never counts and the order posts are approved in does not matter. Completion grants
 * the reward under one points key per challenge and member and records the badge once.
 */

/** Every challenge document, validated: the usable ones and what was wrong with the others. */
export async function readChallenges(store: Store): Promise<{ challenges: Challenge[]; problems: string[] }> {
  const read = (await store.listChallengeDocs()).map(readChallenge)
  return {
    challenges: read.flatMap((r) => (r.challenge ? [r.challenge] : [])),
    problems: read.flatMap((r) => r.problems),
  }
}

/** The points key of a completion: the ledger grants it once however often completion is checked. */
export const challengeRewardKey = (challengeId: string, memberId: string) => `challenge:${challengeId}:${memberId}`

async function progressOf(store: Store, challenge: Challenge, memberId: string) {
  const posts = await store.topicPostsBy(memberId, challenge.topicId, challenge.startAt, challenge.endAt)
  return challengeProgress(
    challenge,
    posts.map((post) => post.createdAt),
  )
}

/**
 * Grants the reward and records the badge. Points first: a completion cut short between the two is
 * finished by the next check, the points key answering as a duplicate.
 */
async function complete(store: Store, challenge: Challenge, memberId: string, now: number): Promise<void> {
  const key = challengeRewardKey(challenge.id, memberId)
  if (challenge.rewardPoints > 0) {
    await applyPoints(store, memberId, key, (state) =>
      grant(state, {
        id: key,
        source: 'challenge',
        ref: challenge.id,
        amount: challenge.rewardPoints,
        at: now,
        note: `完成打卡挑战「${challenge.title}」`,
      }),
    )
  }
  await store.addChallengeCompletion({
    challengeId: challenge.id,
    memberId,
    at: now,
    points: challenge.rewardPoints,
    badge: challenge.badge,
  })
}

/**
 * After a post is approved: every challenge of its topics whose window holds the post is checked for
 * its author. Safe to repeat (an approval retried, two approvals at once): each check counts the
 * approved posts as they stand, and completion is once per key.
 */
export async function checkChallengesFor(store: Store, post: Post, now: number): Promise<void> {
  const topics = post.topicIds ?? []
  if (post.status !== 'approved' || topics.length === 0) return
  const { challenges } = await readChallenges(store)
  for (const challenge of challenges) {
    if (!topics.includes(challenge.topicId) || !inWindow(challenge, post.createdAt)) continue
    if ((await progressOf(store, challenge, post.authorId)).completed) await complete(store, challenge, post.authorId, now)
  }
}

/** A topic's challenges (upcoming and running first, then ended), with the viewer's progress when signed in. */
export async function topicChallenges(store: Store, topicId: string, viewer: Member | null, now: number): Promise<ChallengeView[]> {
  const { challenges } = await readChallenges(store)
  const order = { running: 0, upcoming: 1, ended: 2 }
  const views = await Promise.all(
    challenges
      .filter((challenge) => challenge.topicId === topicId)
      .map(
        async (challenge): Promise<ChallengeView> => ({
          ...challenge,
          state: challengeState(challenge, now),
          progress: viewer ? await progressOf(store, challenge, viewer.id) : null,
        }),
      ),
  )
  return views.sort((a, b) => order[a.state] - order[b.state] || a.startAt - b.startAt || a.id.localeCompare(b.id))
}

/** The member's badges, newest first. */
export async function myBadges(store: Store, member: Member): Promise<BadgeView[]> {
  return (await store.completionsOf(member.id)).map(({ challengeId, badge, at }) => ({ challengeId, badge, at }))
}
