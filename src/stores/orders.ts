import { create } from 'zustand'

interface OrderRevisionState {
  /** Bumped after any change to the member's orders (placed, paid, cancelled, refunded …). */
  revision: number
  changed: () => void
}

/** Order pages lower in the page stack reload when this moves, so going back never shows a stale order. */
export const useOrderRevision = create<OrderRevisionState>()((set) => ({
  revision: 0,
  changed: () => set((state) => ({ revision: state.revision + 1 })),
}))
