import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { DevLogin, MemberView } from '../../types/api'
import { SESSION_KEY } from './sessionKey'
import { taroStorage } from './taroStorage'

interface SessionState {
  /** Local host session token (browser build); the mini program is identified by its OPENID instead. */
  token: string | null
  member: MemberView | null
  signIn: (login: DevLogin) => void
  setMember: (member: MemberView) => void
  signOut: () => void
}

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      token: null,
      member: null,
      signIn: ({ token, member }) => set({ token, member }),
      setMember: (member) => set({ member }),
      signOut: () => set({ token: null, member: null }),
    }),
    {
      name: SESSION_KEY,
      storage: createJSONStorage(() => taroStorage),
      partialize: ({ token, member }) => ({ token, member }),
    },
  ),
)
