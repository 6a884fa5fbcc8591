import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { AddressInput } from '../../../types/api'
import { type AddressErrors, trimAddress, validateAddress } from '../../utils/address'

export const NO_ADDRESS: AddressInput = { name: '', phone: '', region: '', detail: '' }

/**
 * An address being filled in with its field mistakes: `change` is the form's onChange (a field being
 * corrected no longer shows its old mistake), `replace` puts in a whole address, and `check` answers
 * the address trimmed, or null when it has mistakes, which the form then shows, the first also as a toast.
 */
export function useAddressFields(initial: () => AddressInput) {
  const [address, setAddress] = useState<AddressInput>(initial)
  const [errors, setErrors] = useState<AddressErrors>({})
  const change = (field: keyof AddressInput, value: string) => {
    setAddress((current) => ({ ...current, [field]: value }))
    setErrors(({ [field]: _corrected, ...rest }) => rest)
  }
  const replace = ({ name, phone, region, detail }: AddressInput) => {
    setAddress({ name, phone, region, detail })
    setErrors({})
  }
  const check = (): AddressInput | null => {
    const found = validateAddress(address)
    setErrors(found)
    const firstProblem = Object.values(found)[0]
    if (firstProblem) {
      void Taro.showToast({ title: firstProblem, icon: 'none' })
      return null
    }
    return trimAddress(address)
  }
  return { address, errors, change, replace, check }
}
