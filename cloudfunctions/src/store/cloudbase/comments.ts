import type { Comment, Instant, SafetyVerdict } from '../../../../types/domain'
import type { CommentListing, CommentStore, ModerationFilter, Slice } from '../port'
import { CloudbaseBase } from './base'
import type { CloudDatabase, DocData, Transaction } from './database'
import { transact } from './retry'
import { fromDoc, pageOf, read } from './shared'

/** Who may read a comment, kept on it so one `in` query lists what a viewer sees: everyone, its author alone, or nobody. */
export const EVERYONE = '*'
const NOBODY = '-'
function audienceOf(comment: Pick<Comment, 'authorId' | 'safety' | 'state'>): string {
  if (comment.state === 'deleted') return NOBODY
  if (comment.safety === 'pass' && comment.state === 'shown') return EVERYONE
  return comment.authorId ?? NOBODY
}

const toDoc = (comment: Comment, day: string) => {
  const { id: _id, ...rest } = comment
  return { ...rest, day, audience: audienceOf(comment) }
}

const toComment = (doc: DocData): Comment => {
  const { day: _day, audience: _audience, ...rest } = fromDoc<Comment & { day: string; audience: string }>(doc)
  return rest
}

/** A member's comments on one Shanghai day: `_id` `<memberId>|<day>`. */
const dayId = (memberId: string, day: string) => `${memberId}|${day}`
const likeId = (commentId: string, memberId: string) => `${commentId}|${memberId}`

const IN_BATCH = 100

const ORDER: Record<CommentListing['order'], [string, 'asc' | 'desc'][]> = {
  newest: [
    ['createdAt', 'desc'],
    ['_id', 'desc'],
  ],
  liked: [
    ['likes', 'desc'],
    ['createdAt', 'desc'],
    ['_id', 'desc'],
  ],
}

/** Changes one comment inside a transaction, keeping its audience in step with its state and verdict. */
async function changeComment(db: CloudDatabase, id: string, change: (comment: Comment) => Partial<Comment> | null): Promise<boolean> {
  return transact(db, async (tx: Transaction) => {
    const ref = tx.collection('comments').doc(id)
    const doc = await read(ref)
    if (!doc) return false
    const current = toComment({ ...doc, _id: id })
    const patch = change(current)
    if (!patch) return false
    await ref.update({ data: { ...patch, audience: audienceOf({ ...current, ...patch }) } })
    return true
  })
}

/** Removes one comment like and lowers its count; repeating it changes nothing (a resumed erasure). */
async function removeLike(db: CloudDatabase, commentId: string, memberId: string): Promise<'removed' | 'unchanged'> {
  return transact(db, async (tx) => {
    const like = tx.collection('comment_likes').doc(likeId(commentId, memberId))
    if (!(await read(like))) return 'unchanged' as const
    const ref = tx.collection('comments').doc(commentId)
    const comment = await read(ref)
    await like.remove()
    if (comment) await ref.update({ data: { likes: Math.max(0, (comment.likes ?? 0) - 1) } })
    return 'removed' as const
  })
}

/**
 * Account erasure: the member's comments stay without their author, their comment likes go (each
 * count lowered with it) and so do their day counters. Each step may be repeated, so an erasure cut
 * short is finished by running it again.
 */
export async function eraseCommentAuthor(db: CloudDatabase, memberId: string): Promise<void> {
  for (;;) {
    const { data } = await db.collection('comments').where({ authorId: memberId }).limit(IN_BATCH).get()
    for (const doc of data) await changeComment(db, doc._id, () => ({ authorId: null }))
    if (data.length < IN_BATCH) break
  }
  for (;;) {
    const { data } = await db.collection('comment_likes').where({ memberId }).limit(IN_BATCH).get()
    for (const doc of data) await removeLike(db, doc.commentId, memberId)
    if (data.length < IN_BATCH) break
  }
  await db.collection('comment_days').where({ memberId }).remove()
}

/**
 * Comments. The day's limit is a counter per member and day written in the same transaction as the
 * comment: two comments at once meet as a write conflict and the loser counts again.
 */
export class CloudbaseComments extends CloudbaseBase implements CommentStore {
  async addComment(comment: Comment, day: string, dailyLimit: number): Promise<'added' | 'exists' | 'unavailable' | 'limit'> {
    return transact(this.db, async (tx) => {
      const ref = tx.collection('comments').doc(comment.id)
      if (await read(ref)) return 'exists' as const
      const post = await read(tx.collection('posts').doc(comment.postId))
      if (post?.status !== 'approved') return 'unavailable' as const
      const authorId = comment.authorId ?? ''
      const counter = tx.collection('comment_days').doc(dayId(authorId, day))
      const written = (await read(counter))?.count ?? 0
      if (written >= dailyLimit) return 'limit' as const
      await ref.set({ data: toDoc(comment, day) })
      await counter.set({ data: { memberId: authorId, day, count: written + 1 } })
      return 'added' as const
    })
  }

  async findComment(id: string): Promise<Comment | null> {
    const doc = await read(this.db.collection('comments').doc(id))
    return doc ? toComment({ ...doc, _id: id }) : null
  }

  private audiences(viewerId: string | null) {
    return this.db.command.in(viewerId ? [EVERYONE, viewerId] : [EVERYONE])
  }

  async listComments({ postId, viewerId, order, offset, limit }: CommentListing): Promise<Slice<Comment>> {
    const matching = this.db.collection('comments').where({ postId, parentId: null, audience: this.audiences(viewerId) })
    let ordered = matching
    for (const [field, direction] of ORDER[order]) ordered = ordered.orderBy(field, direction)
    return pageOf(ordered, matching, { offset, limit }, (docs) => docs.map(toComment))
  }

  async repliesTo(parentIds: readonly string[], viewerId: string | null): Promise<Comment[]> {
    const replies: Comment[] = []
    for (let i = 0; i < parentIds.length; i += IN_BATCH) {
      const { data } = await this.db
        .collection('comments')
        .where({ parentId: this.db.command.in(parentIds.slice(i, i + IN_BATCH)), audience: this.audiences(viewerId) })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(1000)
        .get()
      replies.push(...data.map(toComment))
    }
    return replies.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  }

  async setCommentState(id: string, from: readonly Comment['state'][], to: Comment['state']): Promise<boolean> {
    return changeComment(this.db, id, (comment) => (from.includes(comment.state) ? { state: to } : null))
  }

  async setCommentSafety(id: string, verdict: SafetyVerdict): Promise<void> {
    await changeComment(this.db, id, () => ({ safety: verdict }))
  }

  async addCommentLike(commentId: string, memberId: string, at: Instant): Promise<'added' | 'unchanged' | 'unavailable'> {
    return transact(this.db, async (tx) => {
      const ref = tx.collection('comments').doc(commentId)
      const comment = await read(ref)
      if (comment?.audience !== EVERYONE) return 'unavailable' as const
      const like = tx.collection('comment_likes').doc(likeId(commentId, memberId))
      if (await read(like)) return 'unchanged' as const
      await like.set({ data: { commentId, memberId, at } })
      await ref.update({ data: { likes: (comment.likes ?? 0) + 1 } })
      return 'added' as const
    })
  }

  async removeCommentLike(commentId: string, memberId: string): Promise<'removed' | 'unchanged'> {
    return removeLike(this.db, commentId, memberId)
  }

  async commentLikesOf(memberId: string, commentIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>()
    for (let i = 0; i < commentIds.length; i += IN_BATCH) {
      const ids = commentIds.slice(i, i + IN_BATCH).map((id) => likeId(id, memberId))
      const { data } = await this.db
        .collection('comment_likes')
        .where({ _id: this.db.command.in(ids) })
        .limit(ids.length)
        .get()
      for (const doc of data) found.add(doc.commentId)
    }
    return found
  }

  async commentCounts(postIds: readonly string[]): Promise<Map<string, number>> {
    const counts = await Promise.all(
      postIds.map(async (postId) => {
        const { total } = await this.db.collection('comments').where({ postId, audience: EVERYONE }).count()
        return [postId, total] as const
      }),
    )
    return new Map(counts)
  }

  async listModeration(filter: ModerationFilter, offset: number, limit: number): Promise<Slice<Comment>> {
    const _ = this.db.command
    const condition = filter === 'held' ? { state: 'shown', safety: _.in(['review', 'risky', 'pending']) } : { state: 'hidden' }
    const matching = this.db.collection('comments').where(condition)
    return pageOf(matching.orderBy('createdAt', 'desc').orderBy('_id', 'desc'), matching, { offset, limit }, (docs) => docs.map(toComment))
  }
}
