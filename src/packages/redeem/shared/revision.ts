import { create } from 'zustand'

interface RedeemRevisionState {
  /** Bumped after the member's points or redemptions changed on a page of this package (a redemption, a cancellation). */
  revision: number
  changed: () => void
}

/** Mall pages lower in the page stack reload when this moves, so going back never shows a stale balance or stock. */
export const useRedeemRevision = create<RedeemRevisionState>()((set) => ({
  revision: 0,
  changed: () => set((state) => ({ revision: state.revision + 1 })),
}))
