import type { Post } from '../../../../types/domain'
import type { CreatorCertification, CreatorStore, FollowCounts, FollowRecord, PostCursor } from '../port'
import { SqliteBase } from './base'
import { type PostRow, toPost } from './content'

type CertificationRow = { member_id: string; reason: string; certified_by: string; at: number }

const toCertification = (row: CertificationRow): CreatorCertification => ({
  memberId: row.member_id,
  reason: row.reason,
  by: row.certified_by,
  at: row.at,
})

/** Raises one member's count, creating their row first; a count is lowered only where a follow made its row. */
const RAISE = {
  followers: `INSERT INTO follow_counts (member_id, followers) VALUES (?, 1)
    ON CONFLICT (member_id) DO UPDATE SET followers = followers + 1`,
  following: `INSERT INTO follow_counts (member_id, following) VALUES (?, 1)
    ON CONFLICT (member_id) DO UPDATE SET following = following + 1`,
}
const LOWER = {
  followers: 'UPDATE follow_counts SET followers = followers - 1 WHERE member_id = ?',
  following: 'UPDATE follow_counts SET following = following - 1 WHERE member_id = ?',
}

/** Creators: the primary key (follower, creator) keeps one follow each; both counts move in the same transaction. */
export class SqliteCreators extends SqliteBase implements CreatorStore {
  async follow({ followerId, creatorId, at }: FollowRecord, maxFollowing: number): Promise<'added' | 'unchanged' | 'limit'> {
    return this.db.transaction(() => {
      if (this.sql('SELECT 1 FROM member_follows WHERE follower_id = ? AND creator_id = ?').get(followerId, creatorId)) {
        return 'unchanged' as const
      }
      const row = this.sql('SELECT following FROM follow_counts WHERE member_id = ?').get(followerId) as { following: number } | undefined
      if ((row?.following ?? 0) >= maxFollowing) return 'limit' as const
      this.sql('INSERT INTO member_follows (follower_id, creator_id, at) VALUES (?, ?, ?)').run(followerId, creatorId, at)
      this.sql(RAISE.followers).run(creatorId)
      this.sql(RAISE.following).run(followerId)
      return 'added' as const
    })()
  }

  async unfollow(followerId: string, creatorId: string): Promise<'removed' | 'unchanged'> {
    return this.db.transaction(() => {
      const removed = this.sql('DELETE FROM member_follows WHERE follower_id = ? AND creator_id = ?').run(followerId, creatorId)
      if (removed.changes === 0) return 'unchanged' as const
      this.sql(LOWER.followers).run(creatorId)
      this.sql(LOWER.following).run(followerId)
      return 'removed' as const
    })()
  }

  async followCounts(memberId: string): Promise<FollowCounts> {
    const row = this.sql('SELECT followers, following FROM follow_counts WHERE member_id = ?').get(memberId) as FollowCounts | undefined
    return { followers: row?.followers ?? 0, following: row?.following ?? 0 }
  }

  async followedAmong(followerId: string, creatorIds: readonly string[]): Promise<Set<string>> {
    const rows = this.sql(
      'SELECT creator_id FROM member_follows WHERE follower_id = ? AND creator_id IN (SELECT value FROM json_each(?))',
    ).all(followerId, JSON.stringify(creatorIds)) as { creator_id: string }[]
    return new Set(rows.map((row) => row.creator_id))
  }

  async followedCreators(followerId: string): Promise<string[]> {
    const rows = this.sql('SELECT creator_id FROM member_follows WHERE follower_id = ? ORDER BY at DESC, creator_id').all(followerId) as {
      creator_id: string
    }[]
    return rows.map((row) => row.creator_id)
  }

  async certifyCreator(certification: CreatorCertification): Promise<CreatorCertification | null> {
    return this.db.transaction(() => {
      const before = this.sql('SELECT * FROM creator_certifications WHERE member_id = ?').get(certification.memberId) as
        | CertificationRow
        | undefined
      if (before) return toCertification(before)
      this.sql('INSERT INTO creator_certifications (member_id, reason, certified_by, at) VALUES (?, ?, ?, ?)').run(
        certification.memberId,
        certification.reason,
        certification.by,
        certification.at,
      )
      return null
    })()
  }

  async uncertifyCreator(memberId: string): Promise<CreatorCertification | null> {
    const removed = this.sql('DELETE FROM creator_certifications WHERE member_id = ? RETURNING *').get(memberId) as
      | CertificationRow
      | undefined
    return removed ? toCertification(removed) : null
  }

  async certificationsOf(memberIds: readonly string[]): Promise<Map<string, CreatorCertification>> {
    const rows = this.sql('SELECT * FROM creator_certifications WHERE member_id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(memberIds),
    ) as CertificationRow[]
    return new Map(rows.map((row) => [row.member_id, toCertification(row)]))
  }

  async approvedPostsOf(authorIds: readonly string[], after: PostCursor | null, limit: number): Promise<Post[]> {
    const rows = this.sql(
      `SELECT * FROM posts WHERE author_id IN (SELECT value FROM json_each(?)) AND status = 'approved'
         AND (? IS NULL OR created_at < ? OR (created_at = ? AND id < ?))
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    ).all(JSON.stringify(authorIds), after?.createdAt ?? null, after?.createdAt ?? null, after?.createdAt ?? null, after?.id ?? null, limit)
    return (rows as PostRow[]).map(toPost)
  }

  async likesReceived(authorId: string): Promise<number> {
    const row = this.sql("SELECT COALESCE(SUM(likes), 0) AS n FROM posts WHERE author_id = ? AND status = 'approved'").get(authorId) as {
      n: number
    }
    return row.n
  }
}
