import type { SavedAddress } from '../../../../types/domain'
import type { AddressBookStore, StoredAddressBook } from '../port'
import { SqliteBase } from './base'

/** Address books: one row per member, its entries as JSON, moved by version. */
export class SqliteAddressBook extends SqliteBase implements AddressBookStore {
  async findAddressBook(memberId: string): Promise<StoredAddressBook> {
    const row = this.sql('SELECT version, entries FROM address_books WHERE member_id = ?').get(memberId) as
      | { version: number; entries: string }
      | undefined
    return row ? { version: row.version, entries: JSON.parse(row.entries) as SavedAddress[] } : { version: 0, entries: [] }
  }

  async saveAddressBook(memberId: string, entries: readonly SavedAddress[], expectedVersion: number): Promise<boolean> {
    const json = JSON.stringify(entries)
    if (expectedVersion === 0) {
      return (
        this.sql('INSERT INTO address_books (member_id, version, entries) VALUES (?, 1, ?) ON CONFLICT (member_id) DO NOTHING').run(
          memberId,
          json,
        ).changes === 1
      )
    }
    return (
      this.sql('UPDATE address_books SET entries = ?, version = version + 1 WHERE member_id = ? AND version = ?').run(
        json,
        memberId,
        expectedVersion,
      ).changes === 1
    )
  }
}
