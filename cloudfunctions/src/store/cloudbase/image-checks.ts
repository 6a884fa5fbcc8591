import { createHash } from 'node:crypto'
import type { ImageCheck, ImageVerdict, Instant } from '../../../../types/domain'
import type { ImageCheckStore } from '../port'
import { MAX_SUBJECT_CHECKS } from '../ports/image-checks'
import { CloudbaseBase } from './base'
import { isDuplicateKey } from './database'

/** One check per subject and image: the `_id` names both, so a second send of the same image is refused by the key. */
const checkId = (subject: string, url: string) => `${subject}|${createHash('sha256').update(url).digest('hex').slice(0, 24)}`

const toCheck = (doc: Record<string, unknown>): ImageCheck => {
  const { _id, ...rest } = doc
  return rest as unknown as ImageCheck
}

/** Image checks, found by `traceId` (a unique index) when the wxa_media_check event arrives. */
export class CloudbaseImageChecks extends CloudbaseBase implements ImageCheckStore {
  async addImageCheck(check: ImageCheck): Promise<'added' | 'exists'> {
    try {
      await this.db
        .collection('image_checks')
        .add({ data: { _id: checkId(check.subject, check.url), ...check, replaces: check.replaces ?? null } })
      return 'added'
    } catch (error) {
      if (isDuplicateKey(error)) return 'exists'
      throw error
    }
  }

  async imageChecksOf(subjects: readonly string[]): Promise<ImageCheck[]> {
    if (subjects.length === 0) return []
    const { data } = await this.db
      .collection('image_checks')
      .where({ subject: this.db.command.in([...subjects]) })
      .orderBy('sentAt', 'asc')
      .orderBy('traceId', 'asc')
      .limit(Math.min(1000, subjects.length * MAX_SUBJECT_CHECKS))
      .get()
    return data.map(toCheck)
  }

  async findImageCheck(traceId: string): Promise<ImageCheck | null> {
    const { data } = await this.db.collection('image_checks').where({ traceId }).limit(1).get()
    return data[0] ? toCheck(data[0]) : null
  }

  async settleImageCheck(traceId: string, verdict: Exclude<ImageVerdict, 'pending'>, at: Instant): Promise<boolean> {
    const { stats } = await this.db
      .collection('image_checks')
      .where({ traceId, verdict: 'pending' })
      .update({ data: { verdict, decidedAt: at } })
    return stats.updated === 1
  }
}
