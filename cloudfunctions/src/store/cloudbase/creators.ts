import type { Post } from '../../../../types/domain'
import type { CreatorCertification, CreatorStore, FollowCounts, FollowRecord, PostCursor } from '../port'
import { CloudbaseBase } from './base'
import type { CloudDatabase, DocData, Query } from './database'
import { transact } from './retry'
import { fromDoc, getAll, read } from './shared'

/** A follow's document: `_id` `<followerId>|<creatorId>`, so a repeat names the same document. */
const followId = (followerId: string, creatorId: string) => `${followerId}|${creatorId}`

const countsOf = (doc: DocData | null): FollowCounts => ({ followers: doc?.followers ?? 0, following: doc?.following ?? 0 })

const toCertification = (doc: DocData): CreatorCertification => ({ memberId: doc._id, reason: doc.reason, by: doc.by, at: doc.at })

/** Ids a query can take at once with `in`, and follow records read per page. */
const BATCH = 100

/**
 * Removes one follow and lowers both members' counts in one transaction; repeating it changes
 * nothing, so an erasure cut short is finished by running it again.
 */
async function removeFollow(db: CloudDatabase, followerId: string, creatorId: string): Promise<'removed' | 'unchanged'> {
  return transact(db, async (tx) => {
    const record = tx.collection('follows').doc(followId(followerId, creatorId))
    if (!(await read(record))) return 'unchanged' as const
    const creatorRef = tx.collection('follow_counts').doc(creatorId)
    const followerRef = tx.collection('follow_counts').doc(followerId)
    const creator = countsOf(await read(creatorRef))
    const follower = countsOf(await read(followerRef))
    await record.remove()
    await creatorRef.set({ data: { ...creator, followers: Math.max(0, creator.followers - 1) } })
    await followerRef.set({ data: { ...follower, following: Math.max(0, follower.following - 1) } })
    return 'removed' as const
  })
}

/** Every follow of a member's, both who they follow and who follows them, each removed with its counts (account erasure), a page at a time. */
export async function eraseFollows(db: CloudDatabase, memberId: string): Promise<void> {
  for (const side of ['followerId', 'creatorId'] as const) {
    for (;;) {
      const { data } = await db
        .collection('follows')
        .where({ [side]: memberId })
        .limit(BATCH)
        .get()
      for (const doc of data) await removeFollow(db, doc.followerId, doc.creatorId)
      if (data.length < BATCH) break
    }
  }
}

/** The member's 达人 certification, removed (account erasure); removing it again changes nothing. */
export async function eraseCertification(db: CloudDatabase, memberId: string): Promise<void> {
  await db.collection('creator_certifications').where({ _id: memberId }).remove()
}

/**
 * Creators. Both counts of a follow live in `follow_counts` (one document per member) and move in the
 * same transaction as the record: two followers at once, or one member's retry, meet as a write
 * conflict and the loser runs again from what the winner wrote.
 */
export class CloudbaseCreators extends CloudbaseBase implements CreatorStore {
  async follow({ followerId, creatorId, at }: FollowRecord, maxFollowing: number): Promise<'added' | 'unchanged' | 'limit'> {
    return transact(this.db, async (tx) => {
      const record = tx.collection('follows').doc(followId(followerId, creatorId))
      if (await read(record)) return 'unchanged' as const
      const followerRef = tx.collection('follow_counts').doc(followerId)
      const creatorRef = tx.collection('follow_counts').doc(creatorId)
      const follower = countsOf(await read(followerRef))
      if (follower.following >= maxFollowing) return 'limit' as const
      const creator = countsOf(await read(creatorRef))
      await record.set({ data: { followerId, creatorId, at } })
      await followerRef.set({ data: { ...follower, following: follower.following + 1 } })
      await creatorRef.set({ data: { ...creator, followers: creator.followers + 1 } })
      return 'added' as const
    })
  }

  async unfollow(followerId: string, creatorId: string): Promise<'removed' | 'unchanged'> {
    return removeFollow(this.db, followerId, creatorId)
  }

  async followCounts(memberId: string): Promise<FollowCounts> {
    const { data } = await this.db.collection('follow_counts').where({ _id: memberId }).limit(1).get()
    return countsOf(data[0] ?? null)
  }

  async followedAmong(followerId: string, creatorIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>()
    for (let i = 0; i < creatorIds.length; i += BATCH) {
      const ids = creatorIds.slice(i, i + BATCH).map((creatorId) => followId(followerId, creatorId))
      const { data } = await this.db
        .collection('follows')
        .where({ _id: this.db.command.in(ids) })
        .limit(ids.length)
        .get()
      for (const doc of data) found.add(doc.creatorId)
    }
    return found
  }

  async followedCreators(followerId: string): Promise<string[]> {
    const docs = await getAll(this.db.collection('follows').where({ followerId }).orderBy('at', 'desc').orderBy('_id', 'asc'))
    return docs.map((doc) => doc.creatorId)
  }

  async certifyCreator(certification: CreatorCertification): Promise<CreatorCertification | null> {
    const { memberId, reason, by, at } = certification
    return transact(this.db, async (tx) => {
      const ref = tx.collection('creator_certifications').doc(memberId)
      const before = await read(ref)
      if (before) return toCertification({ ...before, _id: memberId })
      await ref.set({ data: { reason, by, at } })
      return null
    })
  }

  async uncertifyCreator(memberId: string): Promise<CreatorCertification | null> {
    return transact(this.db, async (tx) => {
      const ref = tx.collection('creator_certifications').doc(memberId)
      const before = await read(ref)
      if (!before) return null
      await ref.remove()
      return toCertification({ ...before, _id: memberId })
    })
  }

  async certificationsOf(memberIds: readonly string[]): Promise<Map<string, CreatorCertification>> {
    const found = new Map<string, CreatorCertification>()
    for (let i = 0; i < memberIds.length; i += BATCH) {
      const ids = memberIds.slice(i, i + BATCH)
      const { data } = await this.db
        .collection('creator_certifications')
        .where({ _id: this.db.command.in(ids) })
        .limit(ids.length)
        .get()
      for (const doc of data) found.set(doc._id, toCertification(doc))
    }
    return found
  }

  /**
   * Per batch of authors, two indexed reads from the cursor — posts at the cursor's time with a lower
   * id, then older posts — each at most `limit` long; the batches' answers merged. No offset is skipped.
   */
  async approvedPostsOf(authorIds: readonly string[], after: PostCursor | null, limit: number): Promise<Post[]> {
    const _ = this.db.command
    const newestFirst = (query: Query) => query.orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()
    const reads: Promise<{ data: DocData[] }>[] = []
    for (let i = 0; i < authorIds.length; i += BATCH) {
      const authors = { authorId: _.in(authorIds.slice(i, i + BATCH)), status: 'approved' }
      const posts = this.db.collection('posts')
      if (!after) {
        reads.push(newestFirst(posts.where(authors)))
        continue
      }
      reads.push(newestFirst(posts.where({ ...authors, createdAt: after.createdAt, _id: _.lt(after.id) })))
      reads.push(newestFirst(posts.where({ ...authors, createdAt: _.lt(after.createdAt) })))
    }
    const found = (await Promise.all(reads)).flatMap(({ data }) => data.map((doc) => fromDoc<Post>(doc)))
    return found.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, limit)
  }

  /** The author's approved posts, a page at a time, and the like counts kept beside each in `post_counts`. */
  async likesReceived(authorId: string): Promise<number> {
    const posts = await getAll(this.db.collection('posts').where({ authorId, status: 'approved' }).orderBy('_id', 'asc'))
    const ids = posts.map((doc) => doc._id as string)
    let likes = 0
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH)
      const { data } = await this.db
        .collection('post_counts')
        .where({ _id: this.db.command.in(batch) })
        .limit(batch.length)
        .get()
      for (const doc of data) likes += doc.likes ?? 0
    }
    return likes
  }
}
