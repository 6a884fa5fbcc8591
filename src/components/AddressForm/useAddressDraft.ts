import { useState } from 'react'
import type { AddressInput } from '../../../types/api'
import { useAddressBook } from '../../stores/address'
import type { AddressErrors } from '../../utils/address'

const NO_ADDRESS: AddressInput = { name: '', phone: '', region: '', detail: '' }

/**
 * The address a form is filling in, starting from the member's last one, with its field mistakes;
 * `change` is the form's onChange: a field being corrected no longer shows its old mistake.
 */
export function useAddressDraft() {
  const [address, setAddress] = useState<AddressInput>(() => useAddressBook.getState().last ?? NO_ADDRESS)
  const [errors, setErrors] = useState<AddressErrors>({})
  const change = (field: keyof AddressInput, value: string) => {
    setAddress((current) => ({ ...current, [field]: value }))
    setErrors(({ [field]: _corrected, ...rest }) => rest)
  }
  return { address, errors, setErrors, change }
}
