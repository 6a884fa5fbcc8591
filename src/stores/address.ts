import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { AddressInput } from '../../types/api'
import type { SavedAddress } from '../../types/domain'
import { taroStorage } from './taroStorage'

interface AddressState {
  /** The address of the last order, offered again at the next checkout; kept on this device only. */
  last: AddressInput | null
  remember: (address: AddressInput) => void
  /** The address just picked in the address book for the form that sent the member there; taken once. */
  picked: SavedAddress | null
  pick: (address: SavedAddress | null) => void
}

export const useAddressBook = create<AddressState>()(
  persist(
    (set) => ({
      last: null,
      remember: (address) => set({ last: address }),
      picked: null,
      pick: (address) => set({ picked: address }),
    }),
    {
      name: 'siyu-address',
      storage: createJSONStorage(() => taroStorage),
      partialize: ({ last }) => ({ last }),
    },
  ),
)
