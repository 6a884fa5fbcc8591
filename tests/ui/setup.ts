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

if (typeof window !== 'undefined' && !('IntersectionObserver' in window)) {
  Object.assign(window, { IntersectionObserver: VisibleEverywhere })
  Object.assign(globalThis, { IntersectionObserver: VisibleEverywhere })
}
