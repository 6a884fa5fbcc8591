import Taro, { useDidShow } from '@tarojs/taro'
import { useSession } from '../stores/session'
import { badgeText } from '../utils/badge'
import { api } from './api'

/** The 购物车 tab's place in the tab bar (app.config.ts). */
const CART_TAB = 2

/** Units in the member's cart as last answered; null until known. */
let known: number | null = null
/** Whether the cart is being read for the badge (a page's show and a sign-in can ask at once). */
let reading = false

/** Draws the 购物车 tab's badge. WeChat refuses it while a page outside the tab bar shows: the next tab page draws it. */
function draw(count: number): void {
  const drawn = count > 0 ? Taro.setTabBarBadge({ index: CART_TAB, text: badgeText(count) }) : Taro.removeTabBarBadge({ index: CART_TAB })
  void Promise.resolve(drawn).catch(() => undefined)
}

/** The cart as the server just answered it: its units on the tab. */
export function cartCountIs(count: number): void {
  known = count
  draw(count)
}

/** Reads the cart's units when not yet known this session (signed in only), else draws what is known. */
export function showCartBadge(): void {
  const signedIn = process.env.TARO_ENV === 'weapp' || useSession.getState().token !== null
  if (known !== null || !signedIn) {
    draw(known ?? 0)
    return
  }
  if (reading) return
  reading = true
  const asked = useSession.getState().token
  api.order
    .cart()
    // A failure: the cart tab shows it when opened; the badge waits for the next answer.
    .then(
      (cart) => {
        if (useSession.getState().token === asked) cartCountIs(cart.count)
      },
      () => undefined,
    )
    .finally(() => {
      reading = false
    })
}

// Signing in, out or as someone else (the browser build): the cart shown was another's, or none.
useSession.subscribe((session, previous) => {
  if (session.token === previous.token) return
  known = null
  draw(0)
})

/** On a tab page: the 购物车 tab shows the units in the cart whenever the page shows, read once a session. */
export function useCartBadge(): void {
  useDidShow(showCartBadge)
}
