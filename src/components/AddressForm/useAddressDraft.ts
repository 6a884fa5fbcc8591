import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { AddressInput } from '../../../types/api'
import type { SavedAddress } from '../../../types/domain'
import { addressBookApi } from '../../services/addresses'
import { describeError, isCallError } from '../../services/errors'
import { useAddressBook } from '../../stores/address'
import { newRequestId } from '../../utils/id'
import { NO_ADDRESS, useAddressFields } from './useAddressFields'

/**
 * The address a form ships to. It starts from the default of the member's address book (or, while
 * the book is empty or cannot be read, the last address used on this device); the member can pick
 * another from the book or type a new one, which is saved to the book unless they untick it. `take`
 * is the one submit flow of every form that ships something (checkout, team checkout, mall goods).
 */
export function useAddressDraft() {
  const fields = useAddressFields(() => useAddressBook.getState().last ?? NO_ADDRESS)
  /** The book's address being shipped to; null while the member types one. */
  const [chosen, setChosen] = useState<SavedAddress | null>(null)
  /** How many addresses the book keeps; null until it has been read. */
  const [bookSize, setBookSize] = useState<number | null>(null)
  const [saveToBook, setSaveToBook] = useState(true)
  // Once the member types, the book's default arriving late must not replace what they typed.
  const typed = useRef(false)
  const remember = useAddressBook((book) => book.remember)
  const picked = useAddressBook((book) => book.picked)

  const choose = (entry: SavedAddress) => {
    setChosen(entry)
    fields.replace(entry)
  }

  /** Reads the book once, when the address is first shown: its default is preselected. */
  const bookAsked = useRef(false)
  const loadBook = () => {
    if (bookAsked.current) return
    bookAsked.current = true
    addressBookApi
      .list()
      .then((book) => {
        setBookSize(book.addresses.length)
        const preferred = book.addresses.find((entry) => entry.isDefault)
        if (preferred && !typed.current) choose(preferred)
      })
      // The book is a convenience: unreadable, the form is simply typed in.
      .catch(() => undefined)
  }

  // The member came back from the address book having picked one.
  useEffect(() => {
    if (!picked) return
    choose(picked)
    useAddressBook.getState().pick(null)
  }, [picked])

  const change = (field: keyof AddressInput, value: string) => {
    typed.current = true
    fields.change(field, value)
  }

  /** Leaves the book's address for a new one, typed (or taken from WeChat) into an empty form. */
  const enterNew = () => {
    typed.current = true
    setChosen(null)
    fields.replace(NO_ADDRESS)
  }

  /** A typed address goes into the book beside the order; a full book is said, and the order goes on. */
  const keep = async (clean: AddressInput) => {
    try {
      const saved = await addressBookApi.add({ requestId: newRequestId(), address: clean })
      setBookSize(saved.addresses.length)
      // Kept now: trying the order again ships to the book's address instead of saving it twice.
      setChosen(saved.address)
    } catch (error) {
      if (isCallError(error) && error.code === 'ADDRESS_BOOK_FULL') {
        void Taro.showToast({ title: `地址未保存：${describeError(error)}`, icon: 'none', duration: 2500 })
      }
    }
  }

  /** The address to send, checked, trimmed and remembered for next time (a typed one also kept in the book when ticked); null when it has mistakes. */
  const take = (): AddressInput | null => {
    const clean = fields.check()
    if (!clean) return null
    remember(clean)
    if (!chosen && saveToBook) void keep(clean)
    return clean
  }
  return { address: fields.address, errors: fields.errors, change, take, chosen, bookSize, saveToBook, setSaveToBook, enterNew, loadBook }
}

export type AddressDraft = ReturnType<typeof useAddressDraft>
