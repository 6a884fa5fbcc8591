import { create } from 'zustand'

interface DistributionRevisionState {
  /** Bumped after the member's distribution standing or balances changed on a page of this package (an application, a withdrawal). */
  revision: number
  changed: () => void
}

/** The distribution center lower in the page stack reloads when this moves, so going back never shows a stale balance. */
export const useDistributionRevision = create<DistributionRevisionState>()((set) => ({
  revision: 0,
  changed: () => set((state) => ({ revision: state.revision + 1 })),
}))
