import { create } from 'zustand'

export interface RevisionState {
  revision: number
  changed: () => void
}

/**
 * A counter that pages lower in the page stack watch: a page that changed something bumps it, and the
 * pages showing that thing reload, so going back never shows stale data.
 */
export const createRevision = () =>
  create<RevisionState>()((set) => ({
    revision: 0,
    changed: () => set((state) => ({ revision: state.revision + 1 })),
  }))
