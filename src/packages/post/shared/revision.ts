import { createRevision } from '../../../stores/revision'

/** Bumped after the member wrote a post, so 我的种草 lower in the page stack shows it on return. */
export const usePostRevision = createRevision()
