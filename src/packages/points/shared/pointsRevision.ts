import { create } from 'zustand'

interface PointsRevisionState {
  /** Bumped after the member's points changed on a page of this package (a check-in). */
  revision: number
  changed: () => void
}

/** The points center lower in the page stack reloads when this moves, so going back never shows a stale balance. */
export const usePointsRevision = create<PointsRevisionState>()((set) => ({
  revision: 0,
  changed: () => set((state) => ({ revision: state.revision + 1 })),
}))
