import { type FirstScreenHandoff, HANDOFF, dropFirstScreen, opensHome } from '../../first-screen/handoff'
import type { CampaignView, Page, ProductCard } from '../../../types/api'
import { settleAnswer } from '../../services/http'
import { useSession } from '../../stores/session'
import type { FirstAnswer } from './firstAnswers'
import { homeRequests } from './requests'

interface Asked {
  token: string | null
  answer: Promise<unknown>
}

const asked = new Map<FirstAnswer, Asked>()

// Called before the app mounts: the browser fetches the home page's code and its first answers side by side.
export function askHomeEarly(): void {
  if (!opensHome(window.location.hash)) return
  const token = useSession.getState().token
  const ask = (key: FirstAnswer, answer: Promise<unknown>, askedAs = token) => {
    // A failure is the page's to show when it takes the answer; until then it is not an unhandled one.
    answer.catch(() => undefined)
    asked.set(key, { token: askedAs, answer })
  }
  // index.html's first screen has asked for the featured products and campaigns already.
  const handoff = (window as unknown as Record<string, FirstScreenHandoff | undefined>)[HANDOFF]
  delete (window as unknown as Record<string, unknown>)[HANDOFF]
  const askedAs = handoff ? handoff.token : token
  ask('featured', handoff ? settleAnswer<Page<ProductCard>>(handoff.token, handoff.featured) : homeRequests.featured(), askedAs)
  ask('feed', homeRequests.feedPage(1))
  ask('campaigns', handoff ? settleAnswer<CampaignView[]>(handoff.token, handoff.campaigns) : homeRequests.campaigns(), askedAs)
}

export function firstAnswer<T>(key: FirstAnswer, ask: () => Promise<T>): Promise<T> {
  const early = asked.get(key)
  asked.delete(key)
  // Prices and campaigns depend on who is signed in: an answer asked for another session is not used.
  return early && early.token === useSession.getState().token ? (early.answer as Promise<T>) : ask()
}

export function homeDrawn(): void {
  dropFirstScreen()
}
