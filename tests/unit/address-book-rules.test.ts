import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Address, SavedAddress } from '../../types/domain'
import {
  ADDRESS_BOOK_LIMIT,
  type BookChange,
  addToBook,
  editInBook,
  makeDefaultInBook,
  removeFromBook,
} from '../../cloudfunctions/src/core/address-book'

const address = (n: number): Address => ({ name: '张三', phone: '13800000000', region: '浙江省杭州市西湖区', detail: `龙井路 ${n} 号` })
const defaults = (book: readonly SavedAddress[]) => book.filter((entry) => entry.isDefault).map((entry) => entry.id)

/** A step a member may take on their book: the address ids and numbers are drawn from small ranges, so steps meet. */
const step = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    id: fc.integer({ min: 0, max: 30 }),
    n: fc.integer({ min: 0, max: 30 }),
    makeDefault: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('edit' as const),
    id: fc.integer({ min: 0, max: 30 }),
    n: fc.integer({ min: 0, max: 30 }),
    makeDefault: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('makeDefault' as const), id: fc.integer({ min: 0, max: 30 }) }),
)

/** One step applied by the rules. */
function run(book: SavedAddress[], s: { kind: string; id: number; n?: number; makeDefault?: boolean }, now: number): BookChange {
  const id = `ad${s.id}`
  if (s.kind === 'add') return addToBook(book, { id, address: address(s.n ?? 0), makeDefault: s.makeDefault ?? false }, now)
  if (s.kind === 'edit') return editInBook(book, { id, address: address(s.n ?? 0), makeDefault: s.makeDefault ?? false }, now)
  if (s.kind === 'remove') return removeFromBook(book, id)
  return makeDefaultInBook(book, id, now)
}

describe('the address book rules', () => {
  it('the first address is the default; another is the default only when asked', () => {
    const first = addToBook([], { id: 'ad1', address: address(1), makeDefault: false }, 1) as SavedAddress[]
    expect(defaults(first)).toEqual(['ad1'])
    const second = addToBook(first, { id: 'ad2', address: address(2), makeDefault: false }, 2) as SavedAddress[]
    expect(defaults(second)).toEqual(['ad1'])
    expect(defaults(addToBook(second, { id: 'ad3', address: address(3), makeDefault: true }, 3) as SavedAddress[])).toEqual(['ad3'])
  })

  it('deleting the default makes the most recently used one the default', () => {
    let book = addToBook([], { id: 'ad1', address: address(1), makeDefault: false }, 1) as SavedAddress[]
    book = addToBook(book, { id: 'ad2', address: address(2), makeDefault: false }, 2) as SavedAddress[]
    book = addToBook(book, { id: 'ad3', address: address(3), makeDefault: false }, 3) as SavedAddress[]
    book = editInBook(book, { id: 'ad2', address: address(22), makeDefault: false }, 4) as SavedAddress[]
    expect(defaults(removeFromBook(book, 'ad1') as SavedAddress[])).toEqual(['ad2'])
  })

  it('refuses the 21st address, and what is not in the book', () => {
    let book: SavedAddress[] = []
    for (let n = 0; n < ADDRESS_BOOK_LIMIT; n += 1)
      book = addToBook(book, { id: `ad${n}`, address: address(n), makeDefault: false }, n) as SavedAddress[]
    expect(addToBook(book, { id: 'ad99', address: address(99), makeDefault: false }, 99)).toBe('ADDRESS_BOOK_FULL')
    expect(editInBook(book, { id: 'ad99', address: address(1), makeDefault: false }, 99)).toBe('ADDRESS_NOT_FOUND')
    expect(removeFromBook(book, 'ad99')).toBe('ADDRESS_NOT_FOUND')
    expect(makeDefaultInBook(book, 'ad99', 99)).toBe('ADDRESS_NOT_FOUND')
  })

  it('whatever the member does, the book keeps at most 20 addresses, each once, and exactly one default while it keeps any', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 150 }), (steps) => {
        let book: SavedAddress[] = []
        steps.forEach((s, now) => {
          const next = run(book, s, now)
          if (typeof next === 'string') return
          book = next
          expect(book.length).toBeLessThanOrEqual(ADDRESS_BOOK_LIMIT)
          expect(new Set(book.map((entry) => entry.id)).size).toBe(book.length)
          expect(defaults(book)).toHaveLength(book.length === 0 ? 0 : 1)
          // The default leads, the rest follow the most recently used first.
          expect(book[0]?.isDefault ?? true).toBe(true)
          const rest = book.slice(1).map((entry) => entry.usedAt)
          expect(rest).toEqual([...rest].sort((a, b) => b - a))
        })
      }),
      { numRuns: 300 },
    )
  })
})
