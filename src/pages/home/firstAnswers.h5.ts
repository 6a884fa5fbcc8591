import { useSession } from '../../stores/session'
import { PAGES } from '../../utils/routes'
import type { FirstAnswer } from './firstAnswers'
import { homeRequests } from './requests'

interface Asked {
  token: string | null
  answer: Promise<unknown>
}

const asked = new Map<FirstAnswer, Asked>()

/** True when the address opens the home page (the hash router's first page when it names none). */
function opensHome(hash: string): boolean {
  const route = hash.replace(/^#/, '').split('?')[0]
  return route === '' || route === '/' || route === PAGES.home
}

// Called before the app mounts: the browser fetches the home page's code and its first answers side by side.
export function askHomeEarly(): void {
  if (!opensHome(window.location.hash)) return
  const token = useSession.getState().token
  const ask = (key: FirstAnswer, answer: Promise<unknown>) => {
    // A failure is the page's to show when it takes the answer; until then it is not an unhandled one.
    answer.catch(() => undefined)
    asked.set(key, { token, answer })
  }
  ask('featured', homeRequests.featured())
  ask('feed', homeRequests.feedPage(1))
  ask('campaigns', homeRequests.campaigns())
}

export function firstAnswer<T>(key: FirstAnswer, ask: () => Promise<T>): Promise<T> {
  const early = asked.get(key)
  asked.delete(key)
  // Prices and campaigns depend on who is signed in: an answer asked for another session is not used.
  return early && early.token === useSession.getState().token ? (early.answer as Promise<T>) : ask()
}
