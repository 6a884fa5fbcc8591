import { create } from 'zustand'
import type { PostReactionView } from '../../types/api'

/** Orders answers and loads: whichever came later is what a post shows. */
let sequence = 0
export const nextSequence = () => ++sequence

interface Answer {
  view: PostReactionView
  /** Whose answer it is: the session it was asked in (the mini program has no token, only its OPENID). */
  token: string | null
  sequence: number
}

interface PostReactionsState {
  answers: Record<string, Answer>
  remember: (view: PostReactionView, token: string | null) => void
}

/**
 * The server's last answer to a like or favourite tap, by post, so every view of the post (its card
 * in the feed, its page, 我的收藏) shows it until that view loads the post again.
 */
export const usePostReactions = create<PostReactionsState>()((set) => ({
  answers: {},
  remember: (view, token) => set((state) => ({ answers: { ...state.answers, [view.postId]: { view, token, sequence: nextSequence() } } })),
}))
