import type { Req } from '../../types/api'
import { callFunction } from './call'

/** The member's own address book: every answer is the whole book, the default first. */
export const addressBookApi = {
  list: () => callFunction('member', 'addresses', {}),
  /** Safe to repeat with the same request id; an address already in the book is kept once. */
  add: (req: Req<'member', 'addAddress'>) => callFunction('member', 'addAddress', req),
  edit: (req: Req<'member', 'editAddress'>) => callFunction('member', 'editAddress', req),
  remove: (req: Req<'member', 'deleteAddress'>) => callFunction('member', 'deleteAddress', req),
  setDefault: (req: Req<'member', 'setDefaultAddress'>) => callFunction('member', 'setDefaultAddress', req),
}
