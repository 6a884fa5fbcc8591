import { create } from 'zustand'

interface PrivacyNoticeState {
  /** Whether the notice is up, waiting for the member's answer. */
  open: boolean
  settle: ((agreed: boolean) => void) | null
  /** Shows the notice and answers whether the member agreed; a second ask while it is up shares the answer. */
  ask: () => Promise<boolean>
  answer: (agreed: boolean) => void
}

/** The privacy notice, one for the whole app: whichever page is on screen draws it. */
export const usePrivacyNotice = create<PrivacyNoticeState>()((set, get) => ({
  open: false,
  settle: null,
  ask: () =>
    new Promise<boolean>((resolve) => {
      const earlier = get().settle
      set({
        open: true,
        settle: (agreed) => {
          earlier?.(agreed)
          resolve(agreed)
        },
      })
    }),
  answer: (agreed) => {
    const { settle } = get()
    set({ open: false, settle: null })
    settle?.(agreed)
  },
}))
