import { CloudbaseBase } from './base'
import type { JobCursorStore, SavedJobCursor } from '../port'

/**
 * Where timer jobs that walk a range got to: `job_cursors/<job name>`. The position is kept as JSON
 * text, so a key taken from the data (a channel name) can never read as a field path.
 */
export class CloudbaseJobs extends CloudbaseBase implements JobCursorStore {
  appliesSliceAtOnce(): boolean {
    return false
  }

  async findJobCursor(job: string): Promise<SavedJobCursor> {
    const { data } = await this.db.collection('job_cursors').where({ _id: job }).limit(1).get()
    return data[0] ? { position: JSON.parse(data[0].position), version: data[0].version } : { position: null, version: 0 }
  }

  async saveJobCursor(job: string, expectedVersion: number, position: unknown): Promise<boolean> {
    return this.saveVersioned('job_cursors', job, expectedVersion, { position: JSON.stringify(position ?? null) })
  }
}
