import type { ImageCheck, ImageVerdict, Instant } from '../../../../types/domain'
import type { ImageCheckStore } from '../port'
import { MAX_SUBJECT_CHECKS } from '../ports/image-checks'
import { SqliteBase } from './base'

interface ImageCheckRow {
  trace_id: string
  subject: string
  member_id: string
  url: string
  verdict: ImageVerdict
  sent_at: number
  decided_at: number | null
  replaces: string | null
}

const toCheck = (r: ImageCheckRow): ImageCheck => ({
  traceId: r.trace_id,
  subject: r.subject,
  memberId: r.member_id,
  url: r.url,
  verdict: r.verdict,
  sentAt: r.sent_at,
  decidedAt: r.decided_at,
  replaces: r.replaces,
})

/** Image checks: one row per subject and image (UNIQUE), found by trace id when the verdict arrives. */
export class SqliteImageChecks extends SqliteBase implements ImageCheckStore {
  async addImageCheck(c: ImageCheck): Promise<'added' | 'exists'> {
    const added = this.sql(
      `INSERT INTO image_checks (trace_id, subject, member_id, url, verdict, sent_at, decided_at, replaces)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(c.traceId, c.subject, c.memberId, c.url, c.verdict, c.sentAt, c.decidedAt, c.replaces ?? null)
    return added.changes === 1 ? 'added' : 'exists'
  }

  async imageChecksOf(subjects: readonly string[]): Promise<ImageCheck[]> {
    if (subjects.length === 0) return []
    const rows = this.db.transaction(() =>
      subjects.flatMap(
        (subject) =>
          this.sql('SELECT * FROM image_checks WHERE subject = ? ORDER BY sent_at ASC, trace_id ASC LIMIT ?').all(
            subject,
            MAX_SUBJECT_CHECKS,
          ) as ImageCheckRow[],
      ),
    )()
    return rows.map(toCheck)
  }

  async findImageCheck(traceId: string): Promise<ImageCheck | null> {
    const row = this.sql('SELECT * FROM image_checks WHERE trace_id = ?').get(traceId) as ImageCheckRow | undefined
    return row ? toCheck(row) : null
  }

  async settleImageCheck(traceId: string, verdict: Exclude<ImageVerdict, 'pending'>, at: Instant): Promise<boolean> {
    return (
      this.sql(`UPDATE image_checks SET verdict = ?, decided_at = ? WHERE trace_id = ? AND verdict = 'pending'`).run(verdict, at, traceId)
        .changes === 1
    )
  }
}
