import type { SavedAddress } from '../../../../types/domain'

/** A member's address book as stored, with the version a change of it must name. */
export interface StoredAddressBook {
  entries: SavedAddress[]
  /** 0 while the member has never kept an address (or after their account was erased). */
  version: number
}

/** Address books: one per member, written whole so its limit and its one default hold together. */
export interface AddressBookStore {
  /** The member's book; an empty one at version 0 when none is kept. */
  findAddressBook(memberId: string): Promise<StoredAddressBook>
  /** Replaces the member's entries while the book is still at `expectedVersion` (compare-and-set); false when it moved. */
  saveAddressBook(memberId: string, entries: readonly SavedAddress[], expectedVersion: number): Promise<boolean>
}
