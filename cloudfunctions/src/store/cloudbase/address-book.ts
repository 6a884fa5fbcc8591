import type { SavedAddress } from '../../../../types/domain'
import type { AddressBookStore, StoredAddressBook } from '../port'
import { CloudbaseBase } from './base'

/** Address books: one document per member (`_id` the member id), its entries written whole by version. */
export class CloudbaseAddressBook extends CloudbaseBase implements AddressBookStore {
  async findAddressBook(memberId: string): Promise<StoredAddressBook> {
    const { data } = await this.db.collection('address_books').where({ _id: memberId }).limit(1).get()
    const doc = data[0]
    return doc ? { version: doc.version as number, entries: doc.entries as SavedAddress[] } : { version: 0, entries: [] }
  }

  async saveAddressBook(memberId: string, entries: readonly SavedAddress[], expectedVersion: number): Promise<boolean> {
    return this.saveVersioned('address_books', memberId, expectedVersion, { entries: [...entries] })
  }
}
