import type { ImageCheck, ImageVerdict, Instant } from '../../../../types/domain'

/** A subject carries at most this many images (a post's nine, an avatar's history): reads take them whole. */
export const MAX_SUBJECT_CHECKS = 50

/** Images sent to WeChat content security and their asynchronous verdicts. */
export interface ImageCheckStore {
  /** Records a check once per subject and image: 'exists' (nothing written) when that image of that subject has one. */
  addImageCheck(check: ImageCheck): Promise<'added' | 'exists'>
  /** The checks of these subjects (each at most MAX_SUBJECT_CHECKS), oldest first. */
  imageChecksOf(subjects: readonly string[]): Promise<ImageCheck[]>
  findImageCheck(traceId: string): Promise<ImageCheck | null>
  /** Gives a pending check its verdict, compare-and-set: false (nothing written) when it had one or is unknown. */
  settleImageCheck(traceId: string, verdict: Exclude<ImageVerdict, 'pending'>, at: Instant): Promise<boolean>
}
