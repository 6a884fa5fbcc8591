import type { Comment, Instant, SafetyVerdict } from '../../../../types/domain'
import type { CommentListing, CommentStore, ModerationFilter, Slice } from '../port'
import { SqliteBase } from './base'

interface CommentRow {
  id: string
  post_id: string
  author_id: string | null
  parent_id: string | null
  text: string
  safety: SafetyVerdict
  state: Comment['state']
  likes: number
  created_at: number
}

const toComment = (row: CommentRow): Comment => ({
  id: row.id,
  postId: row.post_id,
  authorId: row.author_id,
  parentId: row.parent_id,
  text: row.text,
  safety: row.safety,
  state: row.state,
  likes: row.likes,
  createdAt: row.created_at,
})

/** Seen by others: passed and shown; by its author: until deleted. */
const VISIBLE = "((safety = 'pass' AND state = 'shown') OR (author_id = ? AND state <> 'deleted'))"

const ORDER: Record<CommentListing['order'], string> = {
  newest: 'created_at DESC, id DESC',
  liked: 'likes DESC, created_at DESC, id DESC',
}

const HELD: Record<ModerationFilter, string> = {
  held: "safety <> 'pass' AND state = 'shown'",
  hidden: "state = 'hidden'",
}

/** Comments: the day's limit is counted and the comment written in one transaction. */
export class SqliteComments extends SqliteBase implements CommentStore {
  async addComment(comment: Comment, day: string, dailyLimit: number): Promise<'added' | 'exists' | 'unavailable' | 'limit'> {
    return this.db.transaction(() => {
      if (this.sql('SELECT 1 FROM comments WHERE id = ?').get(comment.id)) return 'exists' as const
      const post = this.sql('SELECT status FROM posts WHERE id = ?').get(comment.postId) as { status: string } | undefined
      if (post?.status !== 'approved') return 'unavailable' as const
      const { n } = this.sql('SELECT COUNT(*) AS n FROM comments WHERE author_id = ? AND day = ?').get(comment.authorId, day) as {
        n: number
      }
      if (n >= dailyLimit) return 'limit' as const
      this.sql(
        `INSERT INTO comments (id, post_id, author_id, parent_id, text, safety, state, likes, created_at, day)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        comment.id,
        comment.postId,
        comment.authorId,
        comment.parentId,
        comment.text,
        comment.safety,
        comment.state,
        comment.likes,
        comment.createdAt,
        day,
      )
      return 'added' as const
    })()
  }

  async findComment(id: string): Promise<Comment | null> {
    const row = this.sql('SELECT * FROM comments WHERE id = ?').get(id) as CommentRow | undefined
    return row ? toComment(row) : null
  }

  async listComments({ postId, viewerId, order, offset, limit }: CommentListing): Promise<Slice<Comment>> {
    const where = `FROM comments WHERE post_id = ? AND parent_id IS NULL AND ${VISIBLE}`
    const listing = {
      rows: `SELECT * ${where} ORDER BY ${ORDER[order]}`,
      count: `SELECT COUNT(*) AS n ${where}`,
      params: [postId, viewerId],
    }
    return this.slice<CommentRow, Comment>(listing, { offset, limit }, (rows) => rows.map(toComment))
  }

  async repliesTo(parentIds: readonly string[], viewerId: string | null): Promise<Comment[]> {
    const rows = this.sql(
      `SELECT * FROM comments WHERE parent_id IN (SELECT value FROM json_each(?)) AND ${VISIBLE} ORDER BY created_at ASC, id ASC`,
    ).all(JSON.stringify(parentIds), viewerId) as CommentRow[]
    return rows.map(toComment)
  }

  async setCommentState(id: string, from: readonly Comment['state'][], to: Comment['state']): Promise<boolean> {
    const changed = this.sql('UPDATE comments SET state = ? WHERE id = ? AND state IN (SELECT value FROM json_each(?))').run(
      to,
      id,
      JSON.stringify(from),
    )
    return changed.changes === 1
  }

  async setCommentSafety(id: string, verdict: SafetyVerdict): Promise<void> {
    this.sql('UPDATE comments SET safety = ? WHERE id = ?').run(verdict, id)
  }

  async addCommentLike(commentId: string, memberId: string, at: Instant): Promise<'added' | 'unchanged' | 'unavailable'> {
    return this.db.transaction(() => {
      const comment = this.sql('SELECT safety, state FROM comments WHERE id = ?').get(commentId) as CommentRow | undefined
      if (comment?.safety !== 'pass' || comment.state !== 'shown') return 'unavailable' as const
      const added = this.sql('INSERT INTO comment_likes (comment_id, member_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
        commentId,
        memberId,
        at,
      )
      if (added.changes === 0) return 'unchanged' as const
      this.sql('UPDATE comments SET likes = likes + 1 WHERE id = ?').run(commentId)
      return 'added' as const
    })()
  }

  async removeCommentLike(commentId: string, memberId: string): Promise<'removed' | 'unchanged'> {
    return this.db.transaction(() => {
      const removed = this.sql('DELETE FROM comment_likes WHERE comment_id = ? AND member_id = ?').run(commentId, memberId)
      if (removed.changes === 0) return 'unchanged' as const
      this.sql('UPDATE comments SET likes = likes - 1 WHERE id = ?').run(commentId)
      return 'removed' as const
    })()
  }

  async commentLikesOf(memberId: string, commentIds: readonly string[]): Promise<Set<string>> {
    const rows = this.sql(
      'SELECT comment_id FROM comment_likes WHERE member_id = ? AND comment_id IN (SELECT value FROM json_each(?))',
    ).all(memberId, JSON.stringify(commentIds)) as { comment_id: string }[]
    return new Set(rows.map((row) => row.comment_id))
  }

  async commentCounts(postIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(postIds.map((id) => [id, 0]))
    const rows = this.sql(
      `SELECT post_id, COUNT(*) AS n FROM comments
       WHERE post_id IN (SELECT value FROM json_each(?)) AND safety = 'pass' AND state = 'shown' GROUP BY post_id`,
    ).all(JSON.stringify(postIds)) as { post_id: string; n: number }[]
    for (const row of rows) counts.set(row.post_id, row.n)
    return counts
  }

  async listModeration(filter: ModerationFilter, offset: number, limit: number): Promise<Slice<Comment>> {
    const where = `FROM comments WHERE ${HELD[filter]}`
    const listing = { rows: `SELECT * ${where} ORDER BY created_at DESC, id DESC`, count: `SELECT COUNT(*) AS n ${where}`, params: [] }
    return this.slice<CommentRow, Comment>(listing, { offset, limit }, (rows) => rows.map(toComment))
  }
}
