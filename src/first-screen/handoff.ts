import { PAGES } from '../utils/routes'

/**
 * What index.html's first-screen script leaves for the app: the answers it asked for home's featured
 * products and campaigns (`{ ok, data }` envelopes, not yet unwrapped) and the session it asked as,
 * so the home page takes those answers instead of asking again.
 */
export interface FirstScreenHandoff {
  token: string | null
  featured: Promise<unknown>
  campaigns: Promise<unknown>
}

/** Where on `window` the handoff waits. */
export const HANDOFF = '__siyuFirstScreen'

/** The element the first screen is drawn in, over the app until the home page has drawn its own. */
export const FIRST_SCREEN_ID = 'first-screen'

/** The home page's featured products as both the first screen and the page ask for them. */
export const FEATURED_ASK = { featured: true, pageSize: 6 } as const

/** True when the address opens the home page (the hash router's first page when it names none). */
export function opensHome(hash: string): boolean {
  const route = hash.replace(/^#/, '').split('?')[0]
  return route === '' || route === '/' || route === PAGES.home
}

/** Removes the first screen, once the app shows a page of its own. */
export function dropFirstScreen(): void {
  document.getElementById(FIRST_SCREEN_ID)?.remove()
}
