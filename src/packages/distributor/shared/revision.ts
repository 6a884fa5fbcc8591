import { createRevision } from '../../../stores/revision'

/** Bumped after the member's distribution standing or balances changed on a page of this package (an application, a withdrawal). */
export const useDistributionRevision = createRevision()
