import Taro from '@tarojs/taro'
import type { StateStorage } from 'zustand/middleware'

/** zustand persistence through Taro storage (wx storage in the mini program, localStorage in the browser). */
export const taroStorage: StateStorage = {
  getItem: (key) => {
    const value: unknown = Taro.getStorageSync(key)
    return typeof value === 'string' && value !== '' ? value : null
  },
  setItem: (key, value) => Taro.setStorageSync(key, value),
  removeItem: (key) => Taro.removeStorageSync(key),
}
