import Taro from '@tarojs/taro'
import { newEntryId } from '../utils/id'

const VISITOR_KEY = 'siyu.visitor'

/**
 * A random key this device keeps, so the server counts a signed-out reader's views of a post once a
 * day (a member's views go by their account; the key names no person).
 */
export function visitorKey(): string {
  const kept: unknown = Taro.getStorageSync(VISITOR_KEY)
  if (typeof kept === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) return kept
  const key = newEntryId()
  Taro.setStorageSync(VISITOR_KEY, key)
  return key
}
