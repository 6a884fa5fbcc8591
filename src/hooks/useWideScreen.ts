import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

/** The width from which the console lays out for a desk: side navigation, tables, filters in a row. */
export const WIDE_FROM_PX = 1024

const isWide = () => Taro.getWindowInfo().windowWidth >= WIDE_FROM_PX

/** Whether the window is desk-wide now, following resizes (a browser window, WeChat on a PC or a tablet). */
export function useWideScreen(): boolean {
  const [wide, setWide] = useState(isWide)
  useEffect(() => {
    const update = () => setWide(isWide())
    // The browser build's onWindowResize reports the screen, not the window: listen to the window itself there.
    if (process.env.TARO_ENV === 'h5') {
      window.addEventListener('resize', update)
      return () => window.removeEventListener('resize', update)
    }
    Taro.onWindowResize(update)
    return () => Taro.offWindowResize(update)
  }, [])
  return wide
}
