import type { Post } from '../../../../types/domain'
import type { Slice, ContentStore } from '../port'
import { read, withoutId, fromDoc, pageOf } from './shared'
import { STALE, retryWhileStale, transact } from './retry'
import { CloudbaseCatalog } from './catalog'

/** How many of the newest posts a personalised feed ranks (beyond them the feed is newest first). */
const FEED_RANKED = 200

/** Content: operator and member posts, the feed and moderation. Reads products through the catalog adapter. */
export class CloudbaseContent extends CloudbaseCatalog implements ContentStore {
  async putPost(post: Post): Promise<void> {
    await this.db
      .collection('posts')
      .doc(post.id)
      .set({ data: withoutId(post) })
  }

  /**
   * With preferred categories the newest approved posts (up to FEED_RANKED) are ranked here — a query
   * cannot look into linked products — and the rest follow newest first.
   */
  async listFeed(offset: number, limit: number, preferCategories: readonly string[] = []): Promise<Slice<Post>> {
    const approved = { status: 'approved' }
    if (preferCategories.length > 0 && offset < FEED_RANKED) {
      const [{ data }, { total }] = await Promise.all([
        this.db.collection('posts').where(approved).orderBy('createdAt', 'desc').orderBy('_id', 'asc').limit(FEED_RANKED).get(),
        this.db.collection('posts').where(approved).count(),
      ])
      const posts = data.map((d) => fromDoc<Post>(d))
      const products = await this.findProducts([...new Set(posts.flatMap((p) => p.productIds))])
      const preferred = new Set(products.filter((p) => preferCategories.includes(p.categoryId)).map((p) => p.id))
      const ranked = [
        ...posts.filter((p) => p.productIds.some((id) => preferred.has(id))),
        ...posts.filter((p) => !p.productIds.some((id) => preferred.has(id))),
      ]
      const page = ranked.slice(offset, offset + limit)
      if (page.length < limit && offset + limit > FEED_RANKED) {
        const { data: rest } = await this.db
          .collection('posts')
          .where(approved)
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'asc')
          .skip(FEED_RANKED)
          .limit(offset + limit - FEED_RANKED)
          .get()
        page.push(...rest.map((d) => fromDoc<Post>(d)))
      }
      return { items: page, total }
    }
    const newestFirst = this.db.collection('posts').where(approved).orderBy('createdAt', 'desc').orderBy('_id', 'asc')
    return pageOf(newestFirst, this.db.collection('posts').where(approved), { offset, limit }, (data) => data.map((d) => fromDoc<Post>(d)))
  }

  async findPost(id: string): Promise<Post | null> {
    const { data } = await this.db.collection('posts').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Post>(data[0]) : null
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
        await postRef.set({ data: withoutId(post) })
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
      (data) => data.map((d) => fromDoc<Post>(d)),
    )
  }

  async listPostsByStatus(status: Post['status'], offset: number, limit: number): Promise<Slice<Post>> {
    const condition = { status, kind: 'ugc' }
    return pageOf(
      this.db.collection('posts').where(condition).orderBy('createdAt', 'asc').orderBy('_id', 'asc'),
      this.db.collection('posts').where(condition),
      { offset, limit },
      (data) => data.map((d) => fromDoc<Post>(d)),
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
