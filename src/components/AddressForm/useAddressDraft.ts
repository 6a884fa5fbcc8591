import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { AddressInput } from '../../../types/api'
import { useAddressBook } from '../../stores/address'
import { type AddressErrors, trimAddress, validateAddress } from '../../utils/address'

const NO_ADDRESS: AddressInput = { name: '', phone: '', region: '', detail: '' }

/**
 * The address a form is filling in, starting from the member's last one, with its field mistakes;
 * `change` is the form's onChange: a field being corrected no longer shows its old mistake. `take` is
 * the one submit flow of every form that ships something (checkout, team checkout, mall goods).
 */
export function useAddressDraft() {
  const [address, setAddress] = useState<AddressInput>(() => useAddressBook.getState().last ?? NO_ADDRESS)
  const [errors, setErrors] = useState<AddressErrors>({})
  const remember = useAddressBook((book) => book.remember)
  const change = (field: keyof AddressInput, value: string) => {
    setAddress((current) => ({ ...current, [field]: value }))
    setErrors(({ [field]: _corrected, ...rest }) => rest)
  }
  /**
   * The address to send: checked, trimmed and remembered for next time; null when it has mistakes,
   * which the form then shows, the first one also as a toast.
   */
  const take = (): AddressInput | null => {
    const found = validateAddress(address)
    setErrors(found)
    const firstProblem = Object.values(found)[0]
    if (firstProblem) {
      void Taro.showToast({ title: firstProblem, icon: 'none' })
      return null
    }
    const clean = trimAddress(address)
    remember(clean)
    return clean
  }
  return { address, errors, change, take }
}
