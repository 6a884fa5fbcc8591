import { SqliteBase } from './base'
import type { JobCursorStore, SavedJobCursor } from '../port'

/** Where timer jobs that walk a range got to. */
export class SqliteJobs extends SqliteBase implements JobCursorStore {
  appliesSliceAtOnce(): boolean {
    return true
  }

  async findJobCursor(job: string): Promise<SavedJobCursor> {
    const row = this.sql('SELECT version, position FROM job_cursors WHERE job = ?').get(job) as
      | { version: number; position: string }
      | undefined
    return row ? { position: JSON.parse(row.position), version: row.version } : { position: null, version: 0 }
  }

  async saveJobCursor(job: string, expectedVersion: number, position: unknown): Promise<boolean> {
    const text = JSON.stringify(position ?? null)
    const changes =
      expectedVersion === 0
        ? this.sql('INSERT INTO job_cursors (job, version, position) VALUES (?, 1, ?) ON CONFLICT (job) DO NOTHING').run(job, text).changes
        : this.sql('UPDATE job_cursors SET version = version + 1, position = ? WHERE job = ? AND version = ?').run(
            text,
            job,
            expectedVersion,
          ).changes
    return changes === 1
  }
}
