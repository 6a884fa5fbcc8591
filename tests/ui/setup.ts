/**
 * jsdom has no IntersectionObserver, which Taro's lazily loading <Image> relies on. This stand-in
 * treats every observed element as on screen, as a very tall viewport would.
 */
class VisibleEverywhere {
  readonly root = null
  readonly rootMargin = '0px'
  readonly thresholds = [0]
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe(target: Element) {
    const entry = { target, isIntersecting: true, intersectionRatio: 1 } as unknown as IntersectionObserverEntry
    this.callback([entry], this as unknown as IntersectionObserver)
  }
  unobserve() {}
  disconnect() {}
  takeRecords(): IntersectionObserverEntry[] {
    return []
  }
}

/**
 * jsdom lays nothing out, so every scrollHeight is 0. Taro's web picker measures its rows by
 * dividing a column's scrollHeight by its rows; this stand-in gives each child a 34 px line, as the
 * picker's own rows are.
 */
if (typeof window !== 'undefined') {
  Object.defineProperty(window.HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.childElementCount * 34
    },
  })
}

if (typeof window !== 'undefined' && !('IntersectionObserver' in window)) {
  Object.assign(window, { IntersectionObserver: VisibleEverywhere })
  Object.assign(globalThis, { IntersectionObserver: VisibleEverywhere })
}

/**
 * Tests that play the mini program (TARO_ENV stubbed to weapp) still render web components. NutUI's
 * icons then style themselves the mini program's way (`-webkitMask`), which React DOM names as an
 * unsupported style key. That one message, in that one situation, is the simulation talking, not the
 * app; every other console error still shows.
 */
const consoleError = console.error.bind(console)
console.error = (...args: unknown[]) => {
  const simulatingMiniProgram = process.env.TARO_ENV === 'weapp'
  if (
    simulatingMiniProgram &&
    typeof args[0] === 'string' &&
    args[0].includes('Unsupported style property %s') &&
    args[1] === '-webkitMask'
  )
    return
  consoleError(...(args as Parameters<typeof console.error>))
}

/**
 * Pages under test start with a member who agreed to the privacy guide long ago, so their actions run
 * at once; privacy-notice.test.tsx starts without it.
 */
if (typeof window !== 'undefined') {
  const { beforeEach } = await import('vitest')
  const { default: Taro } = await import('@tarojs/taro')
  beforeEach(() => Taro.setStorageSync('siyu-privacy-agreed', true))
}

export {}
