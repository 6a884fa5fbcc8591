import type { PostCounts, PostReaction } from '../../../../types/domain'
import type { ReactionRecord, ReactionStore, Slice } from '../port'
import { SqliteBase } from './base'

/** Each kind's records and the posts column that counts them. */
export const REACTION_TABLES: Record<PostReaction, { records: string; count: string }> = {
  like: { records: 'post_likes', count: 'likes' },
  favourite: { records: 'post_favourites', count: 'favourites' },
}

/** Likes and favourites: the primary key (post, member) keeps one record each; the count moves in the same transaction. */
export class SqliteReactions extends SqliteBase implements ReactionStore {
  async addReaction(kind: PostReaction, { postId, memberId, at }: ReactionRecord): Promise<'added' | 'unchanged' | 'unavailable'> {
    const { records, count } = REACTION_TABLES[kind]
    return this.db.transaction(() => {
      const post = this.sql('SELECT status FROM posts WHERE id = ?').get(postId) as { status: string } | undefined
      if (post?.status !== 'approved') return 'unavailable' as const
      const added = this.sql(`INSERT INTO ${records} (post_id, member_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).run(
        postId,
        memberId,
        at,
      )
      if (added.changes === 0) return 'unchanged' as const
      this.sql(`UPDATE posts SET ${count} = ${count} + 1 WHERE id = ?`).run(postId)
      return 'added' as const
    })()
  }

  async removeReaction(kind: PostReaction, postId: string, memberId: string): Promise<'removed' | 'unchanged'> {
    const { records, count } = REACTION_TABLES[kind]
    return this.db.transaction(() => {
      const removed = this.sql(`DELETE FROM ${records} WHERE post_id = ? AND member_id = ?`).run(postId, memberId)
      if (removed.changes === 0) return 'unchanged' as const
      this.sql(`UPDATE posts SET ${count} = ${count} - 1 WHERE id = ?`).run(postId)
      return 'removed' as const
    })()
  }

  async postCounts(postIds: readonly string[]): Promise<Map<string, PostCounts>> {
    const counts = new Map<string, PostCounts>(postIds.map((id) => [id, { likes: 0, favourites: 0 }]))
    const rows = this.sql('SELECT id, likes, favourites FROM posts WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(postIds),
    ) as { id: string; likes: number; favourites: number }[]
    for (const row of rows) counts.set(row.id, { likes: row.likes, favourites: row.favourites })
    return counts
  }

  async reactionsOf(memberId: string, postIds: readonly string[]): Promise<Record<PostReaction, Set<string>>> {
    const ids = JSON.stringify(postIds)
    const of = (kind: PostReaction) =>
      new Set(
        (
          this.sql(
            `SELECT post_id FROM ${REACTION_TABLES[kind].records} WHERE member_id = ? AND post_id IN (SELECT value FROM json_each(?))`,
          ).all(memberId, ids) as { post_id: string }[]
        ).map((row) => row.post_id),
      )
    return { like: of('like'), favourite: of('favourite') }
  }

  async listFavourites(memberId: string, offset: number, limit: number): Promise<Slice<ReactionRecord>> {
    const listing = {
      rows: 'SELECT post_id AS postId, member_id AS memberId, at FROM post_favourites WHERE member_id = ? ORDER BY at DESC, post_id ASC',
      count: 'SELECT COUNT(*) AS n FROM post_favourites WHERE member_id = ?',
      params: [memberId],
    }
    return this.slice<ReactionRecord, ReactionRecord>(listing, { offset, limit }, (rows) => rows)
  }
}
