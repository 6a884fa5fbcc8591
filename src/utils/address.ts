import type { AddressInput } from '../../types/api'

export type AddressErrors = Partial<Record<keyof AddressInput, string>>

const PHONE = /^1[3-9]\d{9}$/

/** The same limits the order function applies, checked before submitting so mistakes show next to the field. */
export function validateAddress(address: AddressInput): AddressErrors {
  const errors: AddressErrors = {}
  const name = address.name.trim()
  const region = address.region.trim()
  const detail = address.detail.trim()
  if (!name) errors.name = '请填写收货人姓名'
  else if (name.length > 20) errors.name = '收货人姓名最多 20 个字'
  if (!PHONE.test(address.phone.trim())) errors.phone = '请填写 11 位手机号'
  if (region.length < 2) errors.region = '请填写省、市、区'
  else if (region.length > 50) errors.region = '所在地区最多 50 个字'
  if (detail.length < 2) errors.detail = '请填写街道、门牌号等详细地址'
  else if (detail.length > 100) errors.detail = '详细地址最多 100 个字'
  return errors
}

export function trimAddress(address: AddressInput): AddressInput {
  return { name: address.name.trim(), phone: address.phone.trim(), region: address.region.trim(), detail: address.detail.trim() }
}
