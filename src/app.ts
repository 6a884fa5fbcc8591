import type { PropsWithChildren } from 'react'
import { listenForPrivacyAuthorization } from './services/privacy.gate'
import Taro, { useDidShow, useLaunch, usePageNotFound } from '@tarojs/taro'
import { askHomeEarly } from './pages/home/firstAnswers'
import { refreshMember } from './services/member'
import { recordEntry } from './services/touch'
import { useSession } from './stores/session'
import { LOST_ROUTE, PAGES, withQuery } from './utils/routes'
// NutUI's icon box (an icon draws nothing without it outside a flex row), before the shop's own rules.
import './styles/nutui/icon.css'
import './app.scss'

if (process.env.TARO_ENV === 'weapp') {
  // Before any page loads, so the first calls already reach the right CloudBase environment.
  Taro.cloud.init(process.env.CLOUD_ENV ? { env: process.env.CLOUD_ENV, traceUser: true } : { traceUser: true })
  listenForPrivacyAuthorization()
}
// In the browser, the home page's first answers are asked for while the page's own code is still on its way.
askHomeEarly()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // The mini program is always signed in (OPENID); the browser build only after a dev sign-in.
    if (process.env.TARO_ENV === 'weapp' || useSession.getState().token) {
      refreshMember().catch(() => {
        // The me tab loads the profile itself and shows the failure with a retry.
      })
    }
  })

  // A mistyped or retired path (an old share, a hand-typed URL) opens home with a word instead of a blank page.
  // WeChat honours only a redirect made in this call, so it is not deferred.
  usePageNotFound(() => {
    void Taro.reLaunch({ url: withQuery(PAGES.home, { [LOST_ROUTE]: '1' }) })
  })

  // Runs on launch and on every return to the foreground; recordEntry counts only new sources.
  useDidShow((options) => recordEntry(options ?? Taro.getEnterOptionsSync()))

  return children
}

export default App
