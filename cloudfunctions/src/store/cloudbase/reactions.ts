import type { PostCounts, PostReaction } from '../../../../types/domain'
import type { ReactionRecord, ReactionStore, Slice } from '../port'
import { CloudbaseBase } from './base'
import type { CloudDatabase, CollectionRef, DocData, TransactionCollection } from './database'
import { transact } from './retry'
import { fromDoc, pageOf, read } from './shared'

type Collections<C> = { collection(name: string): C }

/** Each kind's records: one document per post and member, its `_id` `<postId>|<memberId>`, so a repeat names the same document. */
const RECORDS: Record<PostReaction, <C>(db: Collections<C>) => C> = {
  like: (db) => db.collection('post_likes'),
  favourite: (db) => db.collection('post_favourites'),
}

const FIELD: Record<PostReaction, keyof PostCounts> = { like: 'likes', favourite: 'favourites' }

const recordId = (postId: string, memberId: string) => `${postId}|${memberId}`

const countsOf = (doc: DocData | null): PostCounts => ({ likes: doc?.likes ?? 0, favourites: doc?.favourites ?? 0 })

/** Ids a query can take at once with `in`. */
const IN_BATCH = 100

/**
 * Removes one record and lowers its post's count in one transaction; repeating it changes nothing,
 * so an erasure cut short is finished by running it again.
 */
export async function removeReactionRecord(
  db: CloudDatabase,
  kind: PostReaction,
  postId: string,
  memberId: string,
): Promise<'removed' | 'unchanged'> {
  return transact(db, async (tx) => {
    const record = RECORDS[kind]<TransactionCollection>(tx).doc(recordId(postId, memberId))
    if (!(await read(record))) return 'unchanged' as const
    const countsRef = tx.collection('post_counts').doc(postId)
    const counts = countsOf(await read(countsRef))
    await record.remove()
    await countsRef.set({ data: { ...counts, [FIELD[kind]]: Math.max(0, counts[FIELD[kind]] - 1) } })
    return 'removed' as const
  })
}

/** Every record of a member's, each removed with its count (account erasure), a page at a time. */
export async function eraseReactions(db: CloudDatabase, kind: PostReaction, memberId: string): Promise<void> {
  for (;;) {
    const { data } = await RECORDS[kind]<CollectionRef>(db).where({ memberId }).limit(IN_BATCH).get()
    for (const doc of data) await removeReactionRecord(db, kind, doc.postId, memberId)
    if (data.length < IN_BATCH) return
  }
}

/**
 * Likes and favourites. A post's counts live in `post_counts` (not on the post, which operators may
 * rewrite whole) and move in the same transaction as the record: two members at once, or one member's
 * retry, meet as a write conflict and the loser runs again from what the winner wrote.
 */
export class CloudbaseReactions extends CloudbaseBase implements ReactionStore {
  async addReaction(kind: PostReaction, { postId, memberId, at }: ReactionRecord): Promise<'added' | 'unchanged' | 'unavailable'> {
    return transact(this.db, async (tx) => {
      const post = await read(tx.collection('posts').doc(postId))
      if (post?.status !== 'approved') return 'unavailable' as const
      const record = RECORDS[kind]<TransactionCollection>(tx).doc(recordId(postId, memberId))
      if (await read(record)) return 'unchanged' as const
      const countsRef = tx.collection('post_counts').doc(postId)
      const counts = countsOf(await read(countsRef))
      await record.set({ data: { postId, memberId, at } })
      await countsRef.set({ data: { ...counts, [FIELD[kind]]: counts[FIELD[kind]] + 1 } })
      return 'added' as const
    })
  }

  async removeReaction(kind: PostReaction, postId: string, memberId: string): Promise<'removed' | 'unchanged'> {
    return removeReactionRecord(this.db, kind, postId, memberId)
  }

  async postCounts(postIds: readonly string[]): Promise<Map<string, PostCounts>> {
    const counts = new Map<string, PostCounts>(postIds.map((id) => [id, countsOf(null)]))
    for (let i = 0; i < postIds.length; i += IN_BATCH) {
      const batch = postIds.slice(i, i + IN_BATCH)
      const { data } = await this.db
        .collection('post_counts')
        .where({ _id: this.db.command.in(batch) })
        .limit(batch.length)
        .get()
      for (const doc of data) counts.set(doc._id, countsOf(doc))
    }
    return counts
  }

  async reactionsOf(memberId: string, postIds: readonly string[]): Promise<Record<PostReaction, Set<string>>> {
    const of = async (kind: PostReaction) => {
      const found = new Set<string>()
      for (let i = 0; i < postIds.length; i += IN_BATCH) {
        const ids = postIds.slice(i, i + IN_BATCH).map((postId) => recordId(postId, memberId))
        const { data } = await RECORDS[kind]<CollectionRef>(this.db)
          .where({ _id: this.db.command.in(ids) })
          .limit(ids.length)
          .get()
        for (const doc of data) found.add(doc.postId)
      }
      return found
    }
    const [like, favourite] = await Promise.all([of('like'), of('favourite')])
    return { like, favourite }
  }

  async listFavourites(memberId: string, offset: number, limit: number): Promise<Slice<ReactionRecord>> {
    const mine = RECORDS.favourite<CollectionRef>(this.db).where({ memberId })
    return pageOf(mine.orderBy('at', 'desc').orderBy('_id', 'asc'), mine, { offset, limit }, (docs) =>
      docs.map((doc) => {
        const { postId, at } = fromDoc<ReactionRecord>(doc)
        return { postId, memberId, at }
      }),
    )
  }
}
