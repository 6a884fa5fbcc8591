import Taro from '@tarojs/taro'

/** Whether the page below this one is `path`, so going there means going back (the stack never holds a page twice). */
function isPageBelow(path: string): boolean {
  const pages = Taro.getCurrentPages()
  const below = pages.length > 1 ? (pages[pages.length - 2].route ?? '') : ''
  return below !== '' && `/${below.replace(/^\//, '')}`.startsWith(path)
}

/** Leaves this page for `path`: back to it when it is the page below, in its place otherwise. */
export function replaceWith(path: string) {
  if (isPageBelow(path)) return Taro.navigateBack()
  return Taro.redirectTo({ url: path })
}
