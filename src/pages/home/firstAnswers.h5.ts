import { type FirstScreenHandoff, HANDOFF, dropFirstScreen, opensHome } from '../../first-screen/handoff'
import type { CampaignView, Page, ProductCard } from '../../../types/api'
import { settleAnswer } from '../../services/http'
import { useSession } from '../../stores/session'
import { PAGES } from '../../utils/routes'
import type { FirstAnswer } from './firstAnswers'
import { homeRequests } from './requests'

interface Asked {
  token: string | null
  answer: Promise<unknown>
}

const asked = new Map<FirstAnswer, Asked>()

// Called before the app mounts: the browser fetches the home page's code and its first answers side by side.
export function askHomeEarly(): void {
  if (!opensHome(window.location.hash, PAGES.home)) return
  const token = useSession.getState().token
  const ask = (key: FirstAnswer, answer: Promise<unknown>, askedAs = token) => {
    // A failure is the page's to show when it takes the answer; until then it is not an unhandled one.
    answer.catch(() => undefined)
    asked.set(key, { token: askedAs, answer })
  }
  // index.html's first screen has asked for the featured products and campaigns already.
  const handoff = (window as unknown as Record<string, FirstScreenHandoff | undefined>)[HANDOFF]
  delete (window as unknown as Record<string, unknown>)[HANDOFF]
  if (handoff) ask('featured', settleAnswer<Page<ProductCard>>(handoff.token, handoff.featured), handoff.token)
  else ask('featured', homeRequests.featured())
  ask('feed', homeRequests.feedPage(1))
  if (handoff) ask('campaigns', settleAnswer<CampaignView[]>(handoff.token, handoff.campaigns), handoff.token)
  else ask('campaigns', homeRequests.campaigns())
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
