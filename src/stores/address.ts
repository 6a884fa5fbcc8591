import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { AddressInput } from '../../types/api'
import { taroStorage } from './taroStorage'

interface AddressState {
  /** The address of the last order, offered again at the next checkout; kept on this device only. */
  last: AddressInput | null
  remember: (address: AddressInput) => void
}

export const useAddressBook = create<AddressState>()(
  persist(
    (set) => ({
      last: null,
      remember: (address) => set({ last: address }),
    }),
    {
      name: 'siyu-address',
      storage: createJSONStorage(() => taroStorage),
      partialize: ({ last }) => ({ last }),
    },
  ),
)
