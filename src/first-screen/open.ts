import type { CampaignView, Page, ProductCard } from '../../types/api'
import { campaignChips } from '../pages/home/campaignChips'
import { hostRequest } from '../services/hostRequest'
import { SESSION_KEY } from '../stores/sessionKey'
import { type Viewer, firstScreen } from './draw'
import { FEATURED_ASK, FIRST_SCREEN_ID, type FirstScreenHandoff, HANDOFF, opensHome } from './handoff'

/**
 * How long the app's code waits for the first screen when the answer is slow: past it the app starts
 * anyway (and the first screen is drawn whenever the answer comes, if the app has not drawn home by then).
 */
const APP_WAIT_MS = 1_000

interface StoredSession {
  token: string | null
  member: Viewer | null
}

/** The session as the app keeps it: Taro's browser storage wraps the persisted `{ state }` in `{ data }`. */
export function storedSession(storage: Pick<Storage, 'getItem'>): StoredSession {
  try {
    const kept = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') as { data?: unknown } | null
    const persisted = typeof kept?.data === 'string' ? (JSON.parse(kept.data) as { state?: Partial<StoredSession> }) : null
    return { token: persisted?.state?.token ?? null, member: persisted?.state?.member ?? null }
  } catch {
    return { token: null, member: null }
  }
}

/** A function's action, asked for as the app's own calls ask (services/call.h5.ts). */
const ask = (name: string, action: string, data: unknown, token: string | null) =>
  hostRequest('POST', `/api/${name}`, { action, data }, token)

/**
 * The data of an answer that succeeded, else null. Read here rather than through services/errors'
 * unwrapAnswer, whose error building would add about 170 B gzipped to every page's inline script.
 */
function dataOf<T>(answer: unknown): T | null {
  const envelope = answer as { ok?: boolean; data?: T }
  return envelope?.ok === true && envelope.data !== undefined ? envelope.data : null
}

function whenParsed(run: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true })
  else run()
}

/**
 * Draws the first screen over the app, unless there are no products or the app has drawn its own
 * home already. Campaigns are best effort, as in the app: without them the strip is left out.
 */
function draw(answers: [unknown, unknown], viewer: Viewer | null): void {
  const featured = dataOf<Page<ProductCard>>(answers[0])
  if (!featured || featured.items.length === 0) return
  if (document.querySelector('#app .home__featured')) return
  const layer = document.createElement('div')
  layer.id = FIRST_SCREEN_ID
  layer.append(firstScreen(featured, campaignChips(dataOf<CampaignView[]>(answers[1]) ?? [], Date.now()), viewer))
  // A tap on a link leaves home: the app opens that page when it starts (or at once, if it has).
  layer.addEventListener('click', () => layer.remove())
  document.body.append(layer)
}

/** Asks the browser for the app's scripts now, to run once the page is parsed. */
function preload(appScripts: readonly string[]): void {
  for (const src of appScripts) {
    const link = document.createElement('link')
    link.rel = 'preload'
    link.as = 'script'
    link.href = src
    document.head.append(link)
  }
}

function runScripts(appScripts: readonly string[]): void {
  for (const src of appScripts) {
    const script = document.createElement('script')
    script.src = src
    // In order, as the page's deferred scripts ran.
    script.async = false
    document.head.append(script)
  }
}

/**
 * index.html's own script, run while the page is parsed; the page names none of the app's scripts.
 * Opening on home, this asks for the featured products and campaigns, draws them, and only then starts the app's
 * scripts: the browser opens only a few connections to the host and the answer must not queue behind
 * the scripts, nor the cards wait behind the app's long first evaluation. (The app starts that much
 * later, by the time its scripts take to download from the host.) Whatever fails here, the app starts.
 */
export function openFirstScreen(appScripts: readonly string[]): void {
  let started = false
  const startApp = () => {
    if (started) return
    started = true
    if (document.readyState === 'loading') preload(appScripts)
    whenParsed(() => runScripts(appScripts))
  }
  try {
    if (!opensHome(window.location.hash)) {
      startApp()
      return
    }
    const { token, member } = storedSession(window.localStorage)
    const featured = ask('catalog', 'products', FEATURED_ASK, token)
    const campaigns = ask('campaign', 'active', {}, token)
    const handoff: FirstScreenHandoff = { token, featured, campaigns }
    ;(window as unknown as Record<string, FirstScreenHandoff>)[HANDOFF] = handoff
    Promise.all([featured, campaigns.catch(() => null)])
      .then((answers) => whenParsed(() => draw(answers, member)))
      .catch(() => undefined)
      .finally(startApp)
    setTimeout(startApp, APP_WAIT_MS)
  } catch {
    startApp()
  }
}
