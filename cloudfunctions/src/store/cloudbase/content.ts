import type { Post } from '../../../../types/domain'
import type { Slice, ContentStore } from '../port'
import { read, withoutId, fromDoc, pageOf } from './shared'
import { STALE, retryWhileStale, transact } from './retry'
import { CloudbaseCatalog } from './catalog'
import { NO_ENGAGEMENT, feedScore } from '../../core/feed-rank'
import type { DocData } from './database'

/** A stored post without the feed score it carries for the feed's index. */
export function postFromDoc(doc: DocData): Post {
  const { feedRank: _rank, ...post } = fromDoc<Post & { feedRank?: number }>(doc)
  return post
}

/** Content: operator and member posts and moderation (the feed is feed.ts). */
export class CloudbaseContent extends CloudbaseCatalog implements ContentStore {
  /** A rewrite keeps the post's feed score (feed.ts); a new post starts with the score of no engagement. */
  async putPost(post: Post): Promise<void> {
    const ref = this.db.collection('posts').doc(post.id)
    const feedRank: number = (await read(ref))?.feedRank ?? feedScore(NO_ENGAGEMENT, post.createdAt)
    await ref.set({ data: { ...withoutId(post), feedRank } })
  }

  async findPost(id: string): Promise<Post | null> {
    const { data } = await this.db.collection('posts').where({ _id: id }).limit(1).get()
    return data[0] ? postFromDoc(data[0]) : null
  }

  /**
   * The author's `post_authors` document carries a version that every new post of theirs moves: the
   * pending count is read after the version, so a create that raced another one of the same author
   * sees the version moved and counts again.
   */
  async createPost(post: Post, maxPending: number): Promise<'created' | 'exists' | 'limit'> {
    return retryWhileStale(`posts of ${post.authorId}`, async () => {
      const { data: authorDocs } = await this.db.collection('post_authors').where({ _id: post.authorId }).limit(1).get()
      const version: number = authorDocs[0]?.version ?? 0
      const { total: pending } = await this.db
        .collection('posts')
        .where({ authorId: post.authorId, status: 'pending', kind: 'ugc' })
        .count()
      const outcome = await transact(this.db, async (tx) => {
        const postRef = tx.collection('posts').doc(post.id)
        if (await read(postRef)) return 'exists' as const
        const authorRef = tx.collection('post_authors').doc(post.authorId)
        if (((await read(authorRef))?.version ?? 0) !== version) return 'stale' as const
        if (pending >= maxPending) return 'limit' as const
        await authorRef.set({ data: { version: version + 1 } })
        await postRef.set({ data: { ...withoutId(post), feedRank: feedScore(NO_ENGAGEMENT, post.createdAt) } })
        return 'created' as const
      })
      return outcome === 'stale' ? STALE : outcome
    })
  }

  async listPostsByAuthor(authorId: string, offset: number, limit: number): Promise<Slice<Post>> {
    return pageOf(
      this.db.collection('posts').where({ authorId }).orderBy('createdAt', 'desc').orderBy('_id', 'asc'),
      this.db.collection('posts').where({ authorId }),
      { offset, limit },
      (data) => data.map((d) => postFromDoc(d)),
    )
  }

  async listPostsByStatus(status: Post['status'], offset: number, limit: number): Promise<Slice<Post>> {
    const condition = { status, kind: 'ugc' }
    return pageOf(
      this.db.collection('posts').where(condition).orderBy('createdAt', 'asc').orderBy('_id', 'asc'),
      this.db.collection('posts').where(condition),
      { offset, limit },
      (data) => data.map((d) => postFromDoc(d)),
    )
  }

  async reviewPost(next: Post, expected: 'pending'): Promise<boolean> {
    const { stats } = await this.db
      .collection('posts')
      .where({ _id: next.id, status: expected })
      .update({ data: { status: next.status, reviewedAt: next.reviewedAt ?? null, rejectReason: next.rejectReason ?? null } })
    return stats.updated === 1
  }
}
