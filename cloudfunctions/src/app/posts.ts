import { createHash } from 'node:crypto'
import type { MyPostView, Page, PostInput, QueuedPostView } from '../../../types/api'
import type { Member, Post, Product } from '../../../types/domain'
import { paging } from '../core/catalog'
import type { Store } from '../store/port'
import type { ContentSecurity } from '../wechat/ports'
import { recordAudit } from './audit'
import { AppError } from './errors'
import { DEFAULT_AVATAR } from './members'
import { checkChallengesFor } from './challenges'
import { type ImagesSafety, imagesSafety, postSubject, postsImagesSafety, sendImageChecks } from './image-checks'
import { rewardApprovedPost } from './points'
import { checkPostTopics } from './topics'

/** A member's posts waiting for review at most: the queue stays short and a flood waits for a decision. */
export const MAX_PENDING_POSTS = 5

/** A retried create (same member, same request id) names the same post. */
export function postIdFor(memberId: string, requestId: string): string {
  return `ps${createHash('sha256').update(`${memberId}\u0000${requestId}`).digest('hex').slice(0, 22)}`
}

function toMyView(post: Post, safety: ImagesSafety): MyPostView {
  return {
    id: post.id,
    title: post.title,
    body: post.body,
    cover: post.cover,
    images: post.images,
    productIds: post.productIds,
    status: post.status,
    rejectReason: post.rejectReason ?? null,
    createdAt: post.createdAt,
    reviewedAt: post.reviewedAt ?? null,
    imagesSafety: safety,
  }
}

/** Member posts as their author sees them, with what content security said of their images. */
async function toMyViews(store: Store, posts: readonly Post[]): Promise<MyPostView[]> {
  const safety = await postsImagesSafety(store, posts)
  return posts.map((post) => toMyView(post, safety.get(post.id) ?? 'none'))
}

async function toQueuedViews(store: Store, posts: readonly Post[]): Promise<QueuedPostView[]> {
  const [authors, products, safety] = await Promise.all([
    store.findMembers([...new Set(posts.map((post) => post.authorId))]),
    store.findProducts([...new Set(posts.flatMap((post) => post.productIds))]),
    postsImagesSafety(store, posts),
  ])
  const titles = new Map(products.map((p) => [p.id, p.title]))
  return posts.map((post) => {
    const author = authors.find((a) => a.id === post.authorId)
    return {
      ...toMyView(post, safety.get(post.id) ?? 'none'),
      author: { id: post.authorId, nickname: author?.nickname ?? '已注销用户', avatar: author?.avatar ?? DEFAULT_AVATAR },
      products: post.productIds.map((id) => ({ id, title: titles.get(id) ?? `商品 ${id}（已删除）` })),
    }
  })
}

const page = <T>(items: T[], total: number, p: { page: number; pageSize: number; offset: number }): Page<T> => ({
  items,
  page: p.page,
  pageSize: p.pageSize,
  total,
  hasMore: p.offset + items.length < total,
})

/**
 * Images come from the member's own uploads: locally the host's upload folder, in production their
 * cloud storage folder `posts/<member id>/` (a file id names its environment, then its path).
 */
export function checkOwnImages(memberId: string, images: readonly string[], field = 'images'): void {
  for (const image of images) {
    if (!image.startsWith('cloud://')) continue
    const path = image.slice('cloud://'.length)
    const filePath = path.slice(path.indexOf('/') + 1)
    if (path.indexOf('/') < 0 || !filePath.startsWith(`posts/${memberId}/`) || filePath.split('/').includes('..')) {
      throw new AppError('INVALID_PAYLOAD', `请求参数不正确（${field}）：只能使用自己上传的图片`)
    }
  }
}

/** Linked products must exist and be on sale, in the order the author chose. */
async function linkedProducts(store: Store, ids: readonly string[]): Promise<Product[]> {
  if (ids.length === 0) return []
  const found = await store.findProducts(ids)
  const missing = ids.filter((id) => !found.some((product) => product.id === id && product.status === 'on'))
  if (missing.length > 0) throw new AppError('PRODUCT_NOT_FOUND', `关联的商品不存在或已下架（${missing.join('、')}）`)
  return ids.map((id) => found.find((product) => product.id === id)!)
}

/** Sends the post's images to content security (those not sent yet) and answers the author's view. */
async function withImageChecks(store: Store, security: ContentSecurity, member: Member, post: Post, now: number): Promise<MyPostView> {
  const checks = await sendImageChecks(store, security, member.id, postSubject(post.id), 'forum', post.images, now)
  return toMyView(post, imagesSafety(post.images, checks))
}

/**
 * A member writes a post: it waits for review (pending, UGC) and reaches the feed only when an
 * operator approves it, and its images passed content security. A retried request answers the first
 * post, whatever it says now, and sends any of its images a failure left unsent.
 */
export async function createPost(
  store: Store,
  security: ContentSecurity,
  member: Member,
  input: PostInput,
  now: number,
): Promise<MyPostView> {
  const id = postIdFor(member.id, input.requestId)
  const earlier = await store.findPost(id)
  if (earlier) return withImageChecks(store, security, member, earlier, now)
  // Risky text never reaches the review queue; text held for review waits there like any post.
  if ((await security.checkText({ openid: member.id, scene: 'forum', text: `${input.title}\n${input.body}` })) === 'risky') {
    throw new AppError('CONTENT_RISKY', '内容没有通过安全检测，请修改后再发')
  }

  checkOwnImages(member.id, input.images)
  const products = await linkedProducts(store, input.productIds)
  const topicIds = input.topicIds ?? []
  await checkPostTopics(store, topicIds)
  const cover = input.images[0] ?? products[0]?.images[0] ?? ''
  if (cover === '') throw new AppError('INVALID_PAYLOAD', '请至少添加一张图片或关联一件商品，作为种草封面')
  const post: Post = {
    id,
    authorId: member.id,
    title: input.title,
    body: input.body,
    cover,
    images: input.images,
    productIds: input.productIds,
    kind: 'ugc',
    status: 'pending',
    createdAt: now,
    reviewedAt: null,
    rejectReason: null,
    topicIds,
  }
  let outcome: Awaited<ReturnType<Store['createPost']>>
  try {
    outcome = await store.createPost(post, MAX_PENDING_POSTS)
  } catch (error) {
    if (error instanceof Error && /too many concurrent changes/.test(error.message))
      throw new AppError('BUSY', '提交的人太多了，请稍后再试')
    throw error
  }
  if (outcome === 'limit') throw new AppError('POST_LIMIT', `最多 ${MAX_PENDING_POSTS} 篇种草同时等待审核，请等审核结果出来后再发`)
  return withImageChecks(store, security, member, outcome === 'exists' ? ((await store.findPost(id)) ?? post) : post, now)
}

export async function myPosts(store: Store, member: Member, req: { page?: number; pageSize?: number }): Promise<Page<MyPostView>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listPostsByAuthor(member.id, p.offset, p.pageSize)
  return page(await toMyViews(store, items), total, p)
}

/** Operator: member posts waiting for review, the longest-waiting first. */
export async function postQueue(store: Store, req: { page?: number; pageSize?: number }): Promise<Page<QueuedPostView>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listPostsByStatus('pending', p.offset, p.pageSize)
  return page(await toQueuedViews(store, items), total, p)
}

/**
 * A post reaches others only with every image passed by content security: a risky image holds it for
 * good (staff may only reject it), one still unanswered holds it until its verdict; 'review' is what
 * this approval, a person looking, settles.
 */
async function imagesAllowApproval(store: Store, security: ContentSecurity, post: Post, now: number): Promise<void> {
  // A post written before its images were checked has them sent now.
  const checks = await sendImageChecks(store, security, post.authorId, postSubject(post.id), 'forum', post.images, now)
  const safety = imagesSafety(post.images, checks)
  if (safety === 'risky') throw new AppError('CONTENT_RISKY', '这篇种草的图片没有通过内容安全检测，只能拒绝')
  if (safety === 'pending') throw new AppError('IMAGE_PENDING', '这篇种草的图片还在安全检测中，请稍后再审核')
}

const STATE_REFUSAL: Record<'approved' | 'rejected', string> = {
  approved: '这篇种草已被拒绝，不能再通过',
  rejected: '这篇种草已经发布，不能再拒绝',
}

/**
 * Moves a pending member post to `to`, compare-and-set. The same decision asked again (a retry, or
 * another operator at the same moment) answers the post as decided; the opposite one is refused.
 */
async function review(
  store: Store,
  operator: Member,
  postId: string,
  to: 'approved' | 'rejected',
  reason: string | null,
  now: number,
  /** What must hold of the pending post before it moves (it throws otherwise). */
  allowed: (post: Post) => Promise<void> = async () => {},
): Promise<Post> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await store.findPost(postId)
    if (current?.kind !== 'ugc') throw new AppError('POST_NOT_FOUND', '没有这篇会员种草')
    if (current.authorId === operator.id) throw new AppError('FORBIDDEN', '不能审核自己写的种草')
    if (current.status === to) return current
    if (current.status !== 'pending') throw new AppError('POST_STATE', STATE_REFUSAL[to])
    await allowed(current)
    const next: Post = { ...current, status: to, reviewedAt: now, rejectReason: reason }
    if (await store.reviewPost(next, 'pending')) {
      await recordAudit(store, operator.id, `post:${to}`, postId, { status: current.status }, { status: to, rejectReason: reason }, now)
      return next
    }
  }
  throw new AppError('BUSY', '这篇种草正在被审核，请稍后再试')
}

/**
 * Operator: the post goes into the feed and its author gets the post reward (points within the
 * daily cap, and growth). The reward is keyed by the post, so approving twice or at once from two
 * consoles grants it once; asking again also completes a reward an interrupted approval never gave.
 */
export async function approvePost(
  store: Store,
  security: ContentSecurity,
  operator: Member,
  postId: string,
  now: number,
): Promise<QueuedPostView> {
  const post = await review(store, operator, postId, 'approved', null, now, (pending) => imagesAllowApproval(store, security, pending, now))
  // Posts approved outside moderation (seeded, imported) carry no review time and earn nothing here.
  if (post.reviewedAt != null) await rewardApprovedPost(store, post, post.reviewedAt)
  // Challenges count approved posts as they stand, so every approval (and its retry) checks them.
  await checkChallengesFor(store, post, post.reviewedAt ?? now)
  return (await toQueuedViews(store, [post]))[0]
}

/** Operator: the post stays out of the feed; its author sees the reason. No reward. */
export async function rejectPost(store: Store, operator: Member, postId: string, reason: string, now: number): Promise<QueuedPostView> {
  const post = await review(store, operator, postId, 'rejected', reason, now)
  return (await toQueuedViews(store, [post]))[0]
}
