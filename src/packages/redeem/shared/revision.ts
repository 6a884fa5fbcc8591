import { createRevision } from '../../../stores/revision'

/** Bumped after the member's points or redemptions changed on a page of this package (a redemption, a cancellation). */
export const useRedeemRevision = createRevision()
