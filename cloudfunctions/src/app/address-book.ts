import { createHash } from 'node:crypto'
import type { AddressBookView, AddressSaved } from '../../../types/api'
import type { Address, Member, SavedAddress } from '../../../types/domain'
import {
  ADDRESS_BOOK_LIMIT,
  type BookChange,
  addToBook,
  editInBook,
  inBookOrder,
  makeDefaultInBook,
  removeFromBook,
  sameAddress,
} from '../core/address-book'
import type { Store } from '../store/port'
import { AppError } from './errors'

const MAX_ATTEMPTS = 5

const REFUSALS = {
  ADDRESS_BOOK_FULL: `地址簿最多保存 ${ADDRESS_BOOK_LIMIT} 个地址，请先删除不再使用的地址`,
  ADDRESS_NOT_FOUND: '地址簿里没有这个地址',
} as const

/** Added addresses are named by the member and their request, so a retried add finds the first. */
function addressId(memberId: string, requestId: string): string {
  return `ad${createHash('sha256').update(`${memberId}\u0000${requestId}`).digest('hex').slice(0, 22)}`
}

const view = (entries: readonly SavedAddress[]): AddressBookView => ({ addresses: inBookOrder(entries), limit: ADDRESS_BOOK_LIMIT })

function saved(entries: readonly SavedAddress[], id: string): AddressSaved {
  const book = view(entries)
  return { ...book, address: book.addresses.find((e) => e.id === id)! }
}

/**
 * Applies a change to the caller's own book by compare-and-set on its version, deciding again when
 * another change of the same book won the race. Only the caller's book is ever read: an address of
 * someone else's is simply not in it.
 */
async function changeBook(store: Store, memberId: string, decide: (entries: SavedAddress[]) => BookChange): Promise<SavedAddress[]> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const book = await store.findAddressBook(memberId)
    const next = decide(book.entries)
    if (typeof next === 'string') throw new AppError(next, REFUSALS[next])
    if (await store.saveAddressBook(memberId, next, book.version)) return next
  }
  throw new AppError('BUSY', '地址簿正在更新，请稍后再试')
}

export async function addressBook(store: Store, member: Member): Promise<AddressBookView> {
  return view((await store.findAddressBook(member.id)).entries)
}

export async function addAddress(
  store: Store,
  member: Member,
  req: { requestId: string; address: Address; makeDefault?: boolean },
  now: number,
): Promise<AddressSaved> {
  const id = addressId(member.id, req.requestId)
  const entries = await changeBook(store, member.id, (book) =>
    addToBook(book, { id, address: req.address, makeDefault: req.makeDefault ?? false }, now),
  )
  // An address already in the book was kept once, under its own id.
  const kept = entries.find((e) => e.id === id) ?? entries.find((e) => sameAddress(e, req.address))!
  return saved(entries, kept.id)
}

export async function editAddress(
  store: Store,
  member: Member,
  req: { addressId: string; address: Address; makeDefault?: boolean },
  now: number,
): Promise<AddressSaved> {
  const entries = await changeBook(store, member.id, (book) =>
    editInBook(book, { id: req.addressId, address: req.address, makeDefault: req.makeDefault ?? false }, now),
  )
  return saved(entries, req.addressId)
}

export async function deleteAddress(store: Store, member: Member, req: { addressId: string }): Promise<AddressBookView> {
  return view(await changeBook(store, member.id, (book) => removeFromBook(book, req.addressId)))
}

export async function setDefaultAddress(store: Store, member: Member, req: { addressId: string }, now: number): Promise<AddressBookView> {
  return view(await changeBook(store, member.id, (book) => makeDefaultInBook(book, req.addressId, now)))
}
