import type { Address, Instant, SavedAddress } from '../../../types/domain'

/** How many addresses a member's book keeps. */
export const ADDRESS_BOOK_LIMIT = 20

/** Why a change of the book is refused: the book is full, or the address is not in it. */
export type AddressBookRefusal = 'ADDRESS_BOOK_FULL' | 'ADDRESS_NOT_FOUND'

/** A change of the book: the entries it leaves, or why it is refused (the book then stays as it is). */
export type BookChange = SavedAddress[] | AddressBookRefusal

/** Two addresses that ship to the same person at the same place, field for field. */
export const sameAddress = (a: Address, b: Address) =>
  a.name === b.name && a.phone === b.phone && a.region === b.region && a.detail === b.detail

/** The book as members read it: the default first, then the most recently used. */
export function inBookOrder(entries: readonly SavedAddress[]): SavedAddress[] {
  return [...entries].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || b.usedAt - a.usedAt || a.id.localeCompare(b.id))
}

/** Exactly one default while the book holds any address: `id`'s when given, else the current one, else the most recently used. */
function withOneDefault(entries: SavedAddress[], id?: string): SavedAddress[] {
  const chosen = id ?? entries.find((e) => e.isDefault)?.id ?? inBookOrder(entries)[0]?.id
  return inBookOrder(entries.map((e) => ({ ...e, isDefault: e.id === chosen })))
}

/**
 * Adds an address. The same request again changes nothing; an address already in the book is kept once
 * (it becomes the most recently used), so saving it again at checkout never fills the book. The first
 * address becomes the default.
 */
export function addToBook(
  entries: readonly SavedAddress[],
  added: { id: string; address: Address; makeDefault: boolean },
  now: Instant,
): BookChange {
  if (entries.some((e) => e.id === added.id)) return [...entries]
  const same = entries.find((e) => sameAddress(e, added.address))
  if (same) return withOneDefault(touched(entries, same.id, added.address, now), added.makeDefault ? same.id : undefined)
  if (entries.length >= ADDRESS_BOOK_LIMIT) return 'ADDRESS_BOOK_FULL'
  const entry: SavedAddress = { ...added.address, id: added.id, isDefault: false, usedAt: now }
  return withOneDefault([...entries, entry], added.makeDefault ? added.id : undefined)
}

/** Replaces an address's fields; it becomes the most recently used. */
export function editInBook(
  entries: readonly SavedAddress[],
  edited: { id: string; address: Address; makeDefault: boolean },
  now: Instant,
): BookChange {
  if (!entries.some((e) => e.id === edited.id)) return 'ADDRESS_NOT_FOUND'
  return withOneDefault(touched(entries, edited.id, edited.address, now), edited.makeDefault ? edited.id : undefined)
}

/** Deletes an address; deleting the default makes the most recently used of the rest the default. */
export function removeFromBook(entries: readonly SavedAddress[], id: string): BookChange {
  if (!entries.some((e) => e.id === id)) return 'ADDRESS_NOT_FOUND'
  return withOneDefault(entries.filter((e) => e.id !== id))
}

/** Makes an address the default (and the most recently used). */
export function makeDefaultInBook(entries: readonly SavedAddress[], id: string, now: Instant): BookChange {
  const entry = entries.find((e) => e.id === id)
  if (!entry) return 'ADDRESS_NOT_FOUND'
  return withOneDefault(touched(entries, id, entry, now), id)
}

function touched(entries: readonly SavedAddress[], id: string, address: Address, now: Instant): SavedAddress[] {
  const { name, phone, region, detail } = address
  return entries.map((e) => (e.id === id ? { ...e, name, phone, region, detail, usedAt: now } : e))
}
