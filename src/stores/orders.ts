import { createRevision } from './revision'

/** Bumped after any change to the member's orders (placed, paid, cancelled, refunded …). */
export const useOrderRevision = createRevision()
