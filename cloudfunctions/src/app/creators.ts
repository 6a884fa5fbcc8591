import type { CreatorStanding, CreatorView, CursorPage, CursorRequest, FeedPost, FollowView } from '../../../types/api'
import type { Member, Post } from '../../../types/domain'
import type { PostCursor, Store } from '../store/port'
import { recordAudit } from './audit'
import { toFeedPosts } from './catalog'
import { myBadges } from './challenges'
import { AppError } from './errors'
import { ERASED_NICKNAME } from './privacy'

/*
 * Creators (达人/KOC): a member whose posts were approved has a page others can see and follow. A
 * follow is a record, one per follower and creator; the follower count is the number of those
 * records. Nothing is rewarded for following or being followed: no points, growth or commission.
 */

/** How many creators one member may follow: the 关注 feed reads them all on every page. */
export const MAX_FOLLOWING = 500

const DEFAULT_PAGE_SIZE = 10

/** Where the next page starts: the last post shown, `<createdAt>_<id>`. */
export const cursorOf = (post: Post): string => `${post.createdAt}_${post.id}`

function readCursor(cursor: string | undefined): PostCursor | null {
  if (cursor === undefined) return null
  const split = cursor.indexOf('_')
  return { createdAt: Number(cursor.slice(0, split)), id: cursor.slice(split + 1) }
}

const notFound = () => new AppError('CREATOR_NOT_FOUND', '没有这位创作者，或 TA 还没有发布过种草')

/** The member, while their account exists (an erased account is no one's to follow or show). */
async function existingMember(store: Store, memberId: string): Promise<Member | null> {
  const member = await store.findMember(memberId)
  return member && member.nickname !== ERASED_NICKNAME ? member : null
}

async function hasApprovedPosts(store: Store, memberId: string): Promise<boolean> {
  return (await store.approvedPostsOf([memberId], null, 1)).length > 0
}

async function followView(store: Store, follower: Member, creatorId: string): Promise<FollowView> {
  const [counts, followed] = await Promise.all([store.followCounts(creatorId), store.followedAmong(follower.id, [creatorId])])
  return { creatorId, following: followed.has(creatorId), followers: counts.followers }
}

/** The member follows a creator: someone else whose posts were approved. Asking again changes nothing. */
export async function follow(store: Store, member: Member, creatorId: string, now: number): Promise<FollowView> {
  if (creatorId === member.id) throw new AppError('FOLLOW_SELF', '不能关注自己')
  const creator = await existingMember(store, creatorId)
  if (!creator || !(await hasApprovedPosts(store, creatorId))) throw notFound()
  const outcome = await store.follow({ followerId: member.id, creatorId, at: now }, MAX_FOLLOWING)
  if (outcome === 'limit') throw new AppError('FOLLOW_LIMIT', `最多关注 ${MAX_FOLLOWING} 位创作者，请先取消一些关注`)
  return followView(store, member, creatorId)
}

/** The member stops following; without a follow nothing changes. Allowed whatever became of the creator. */
export async function unfollow(store: Store, member: Member, creatorId: string): Promise<FollowView> {
  if (creatorId === member.id) throw new AppError('FOLLOW_SELF', '不能关注自己')
  if (!(await store.findMember(creatorId))) throw notFound()
  await store.unfollow(member.id, creatorId)
  return followView(store, member, creatorId)
}

/** A creator's page: shown for a member with an approved post, or certified as 达人. */
export async function creatorPage(store: Store, viewer: Member | null, creatorId: string): Promise<CreatorView> {
  const creator = await existingMember(store, creatorId)
  if (!creator) throw notFound()
  const [certified, posted] = await Promise.all([store.certificationsOf([creatorId]), hasApprovedPosts(store, creatorId)])
  if (!posted && !certified.has(creatorId)) throw notFound()
  const [badges, likesReceived, counts, followed] = await Promise.all([
    myBadges(store, creator),
    store.likesReceived(creatorId),
    store.followCounts(creatorId),
    viewer ? store.followedAmong(viewer.id, [creatorId]) : new Set<string>(),
  ])
  return {
    id: creator.id,
    nickname: creator.nickname,
    avatar: creator.avatar,
    certified: certified.has(creatorId),
    badges,
    likesReceived,
    followers: counts.followers,
    following: followed.has(creatorId),
    self: viewer?.id === creatorId,
  }
}

/** Approved posts of these authors, newest first, one page from the cursor; one more is read to know whether the listing goes on. */
async function postsPage(
  store: Store,
  viewer: Member | null,
  authorIds: readonly string[],
  req: CursorRequest,
  now: number,
): Promise<CursorPage<FeedPost>> {
  const size = req.pageSize ?? DEFAULT_PAGE_SIZE
  if (authorIds.length === 0) return { items: [], next: null }
  const found = await store.approvedPostsOf(authorIds, readCursor(req.cursor), size + 1)
  const posts = found.slice(0, size)
  return { items: await toFeedPosts(store, viewer, posts, now), next: found.length > size ? cursorOf(posts[posts.length - 1]) : null }
}

/** A creator's approved posts, newest first. */
export async function creatorPosts(
  store: Store,
  viewer: Member | null,
  req: CursorRequest & { creatorId: string },
  now: number,
): Promise<CursorPage<FeedPost>> {
  if (!(await existingMember(store, req.creatorId))) throw notFound()
  return postsPage(store, viewer, [req.creatorId], req, now)
}

/** 关注: the approved posts of every creator the member follows, newest first. */
export async function followingFeed(store: Store, member: Member, req: CursorRequest, now: number): Promise<CursorPage<FeedPost>> {
  return postsPage(store, member, await store.followedCreators(member.id), req, now)
}

/** A member's standing as a creator, for staff. */
export async function creatorStanding(store: Store, memberId: string): Promise<CreatorStanding> {
  const [certifications, counts] = await Promise.all([store.certificationsOf([memberId]), store.followCounts(memberId)])
  const certification = certifications.get(memberId)
  return {
    memberId,
    certified: certification !== undefined,
    reason: certification?.reason ?? null,
    certifiedAt: certification?.at ?? null,
    followers: counts.followers,
  }
}

/**
 * Staff certify a member as 达人 (a badge on their posts and page) or remove it, with a reason. Each
 * change is audited once however often it is asked: asking for what already holds changes nothing.
 */
export async function setCertification(
  store: Store,
  actor: string,
  req: { memberId: string; reason: string; certified: boolean },
  now: number,
): Promise<CreatorStanding> {
  const { memberId, reason } = req
  if (memberId === actor) throw new AppError('FORBIDDEN', '不能认证自己')
  if (!(await existingMember(store, memberId))) throw new AppError('MEMBER_NOT_FOUND', '会员不存在')
  if (req.certified) {
    const before = await store.certifyCreator({ memberId, reason, by: actor, at: now })
    if (before === null)
      await recordAudit(store, actor, 'creator:certify', memberId, { certified: false }, { certified: true, reason }, now)
  } else {
    const removed = await store.uncertifyCreator(memberId)
    if (removed) {
      const before = { certified: true, reason: removed.reason, certifiedAt: removed.at }
      await recordAudit(store, actor, 'creator:uncertify', memberId, before, { certified: false, reason }, now)
    }
  }
  return creatorStanding(store, memberId)
}
