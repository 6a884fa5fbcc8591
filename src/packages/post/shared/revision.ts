import { create } from 'zustand'

interface PostRevisionState {
  /** Bumped after the member wrote a post, so 我的种草 lower in the page stack shows it on return. */
  revision: number
  changed: () => void
}

export const usePostRevision = create<PostRevisionState>()((set) => ({
  revision: 0,
  changed: () => set((state) => ({ revision: state.revision + 1 })),
}))
