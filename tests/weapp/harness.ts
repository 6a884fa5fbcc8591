/**
 * Renders pages of the built mini program (dist/weapp) the way WeChat's base library would, without
 * a phone: WeChat's own wxml compiler (miniprogram-compiler, through miniprogram-simulate) turns the
 * page and base.wxml into render functions, j-component/exparser build the component tree in jsdom,
 * and the Taro runtime in the build drives it with setData. `wx` is a test double (wx-double.ts).
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { WEAPP_DIR } from '../support/weapp-pages'

// biome-ignore lint/suspicious/noExplicitAny: the mini program globals are untyped by nature
type Any = any

/**
 * The node names base.wxml has a template for (`tmpl_<depth>_<nn>`); the page and comp templates
 * only dispatch into these, so a node named anything else is drawn as nothing.
 */
export function templatedNodeNames(dir = WEAPP_DIR): Set<string> {
  const names = new Set<string>()
  for (const file of ['base.wxml', 'comp.wxml']) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8')
    for (const [, name] of text.matchAll(/<template name="tmpl_\d+_([^"]+)"/g)) {
      if (name !== 'container') names.add(name.replace(/_(focus|blur)$/, ''))
    }
  }
  return names
}

/** Every `nn` a setData payload carries: in nested nodes and as a path ending in `.nn`. */
export function nodeNamesIn(payload: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(payload)) {
    for (const item of payload) nodeNamesIn(item, into)
  } else if (payload && typeof payload === 'object') {
    for (const [key, value] of Object.entries(payload)) {
      if ((key === 'nn' || key.endsWith('.nn')) && typeof value === 'string') into.add(value)
      else nodeNamesIn(value, into)
    }
  }
  return into
}

/** Siyu's budget for one setData payload: what crosses from the logic layer to the view at once. */
export const SETDATA_BUDGET = 256 * 1024

/** A setData payload's size as it crosses to the view layer: the bytes of its JSON (UTF-8). */
export const payloadBytes = (payload: unknown): number => Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8')

export interface RenderedPage {
  route: string
  /** Everything the page sent to the view layer, in order. */
  payloads: Record<string, unknown>[]
  /** The size of each payload in `payloads` when it was sent (bytes of JSON). */
  payloadBytes: number[]
  /** The rendered view (exparser over jsdom). */
  dom: HTMLElement
  /** Errors thrown or reported while the page loaded and settled. */
  errors: unknown[]
  /** Taps the innermost element showing `text`, as a finger would, and waits for the page to settle. */
  tap(text: string): Promise<void>
  /** Taps the button reading `text` (a sheet's title may read the same as its button). */
  tapButton(text: string): Promise<void>
  /** What the page's onShareAppMessage answers (title, path, image), as WeChat asks when a person shares it. */
  share(): { title?: string; path?: string; imageUrl?: string }
  /** Types `value` into the field labelled `label` (the input next to that text, else the one whose placeholder reads it), and waits. */
  type(label: string, value: string): Promise<void>
  /** Chooses `value` in the picker of the row labelled `label`, as WeChat's picker answers (its change event), and waits. */
  choose(label: string, value: unknown): Promise<void>
}

export interface WeappHost {
  render(route: string, query?: Record<string, string>): Promise<RenderedPage>
  /** Renders the page a navigation call names (`/packages/x/index?a=1`), as WeChat opens it. */
  open(url: string): Promise<RenderedPage>
  /** Enters the app at `url` from outside (scene 1007: a card shared in a chat): the app is shown with it, then the page opens. */
  enter(url: string, scene?: number): Promise<RenderedPage>
}

/** A navigation url split into the page's route and its query, decoded as WeChat hands it to onLoad. */
export function routeOf(url: string): { route: string; query: Record<string, string> } {
  const [route, search = ''] = url.replace(/^\//, '').split('?')
  return { route, query: Object.fromEntries(new URLSearchParams(search)) }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Sets up jsdom and the base library's globals, loads app.js and launches the app once per process. */
export function launchWeapp(wx: Record<string, unknown>, dir = WEAPP_DIR): WeappHost {
  const g = globalThis as Any
  const require = createRequire(import.meta.url)
  const { JSDOM } = require('jsdom')
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true })
  // exparser dispatches jsdom events, so jsdom's Event classes must be the global ones, not Node's.
  for (const key of ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent']) {
    Object.defineProperty(g, key, { value: key === 'window' ? window : window[key], configurable: true, writable: true })
  }
  const errors: unknown[] = []
  g.wx = wx
  const simulate = require('miniprogram-simulate')
  const exparser = require('miniprogram-exparser')

  let app: Any = null
  const stack: Any[] = []
  let next: { route: string; query: Record<string, string>; payloads: Record<string, unknown>[]; sizes: number[] } | null = null
  g.App = (options: Any) => {
    app = options
  }
  g.getApp = () => app
  g.getCurrentPages = () => [...stack]
  g.Page = (options: Any) => g.Component(pageAsComponent(options))

  /** A Page is a component whose lifetimes call the page's own onLoad/onShow/onReady/onUnload. */
  function pageAsComponent(options: Any) {
    const { data, ...rest } = options
    const methods: Record<string, Any> = {}
    const fields: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(rest)) {
      if (typeof value === 'function') methods[key] = value
      else fields[key] = value
    }
    return {
      data,
      methods,
      lifetimes: {
        attached(this: Any) {
          const page = next
          if (!page) throw new Error('a page attached outside render()')
          Object.assign(this, fields, { route: page.route, __route__: page.route, options: page.query })
          const setData = this.setData.bind(this)
          this.setData = (payload: Record<string, unknown>, cb?: () => void) => {
            page.payloads.push(payload)
            page.sizes.push(payloadBytes(payload))
            return setData(payload, cb)
          }
          stack.push(this)
          methods.onLoad?.call(this, page.query)
          methods.onShow?.call(this)
        },
        ready(this: Any) {
          methods.onReady?.call(this)
        },
      },
    }
  }

  // exparser catches what lifetimes and event handlers throw and only logs it; count it as uncaught.
  exparser.addGlobalErrorListener((error: unknown) => {
    errors.push(error)
  })
  process.on('unhandledRejection', (reason) => errors.push(reason))
  window.addEventListener('error', (event: Any) => errors.push(event.error ?? event.message))
  require(path.join(dir, 'app.js'))
  if (!app) throw new Error('app.js did not call App()')
  const launch = { path: 'pages/home/index', query: {}, scene: 1001 }
  app.onLaunch?.(launch)
  app.onShow?.(launch)

  const loaded = new Map<string, string>()
  const host: WeappHost = {
    open(url) {
      const { route, query } = routeOf(url)
      return host.render(route, query)
    },
    enter(url, scene = 1007) {
      const { route, query } = routeOf(url)
      app.onShow?.({ path: route, query, scene, referrerInfo: {} })
      return host.render(route, query)
    },
    async render(route, query = {}) {
      const payloads: Record<string, unknown>[] = []
      const sizes: number[] = []
      const before = errors.length
      next = { route, query, payloads, sizes }
      const container = document.createElement('div')
      let instance: Any = null
      try {
        // A page's code runs once per process: a second visit renders the definition the first one registered.
        const id = loaded.get(route) ?? simulate.load(path.join(dir, route), { compiler: 'official', rootPath: dir })
        loaded.set(route, id)
        const page = simulate.render(id)
        page.attach(container)
        instance = stack.at(-1)
      } catch (error) {
        errors.push(error)
      }
      // Let the page's requests (answered in-process) and Taro's batched setData settle.
      // Settled: something was sent and nothing more for three quiet rounds (at most 6 s, for a busy CI).
      const settled = async () => {
        let quiet = 0
        for (let round = 0, seen = payloads.length; round < 60 && quiet < 3; round++) {
          await settle(100)
          quiet = payloads.length > 0 && payloads.length === seen ? quiet + 1 : 0
          seen = payloads.length
        }
      }
      await settled()
      /**
       * A field whose placeholder reads `text` (a field with no label beside it). The view keeps no
       * placeholder in the DOM, so it is read from the node the page sent, found again by its `sid`.
       */
      const fieldShowing = (text: string): Element | null => {
        const sids: string[] = []
        const visit = (node: unknown): void => {
          if (Array.isArray(node)) for (const item of node) visit(item)
          else if (node && typeof node === 'object') {
            const record = node as Record<string, unknown>
            if (typeof record.sid === 'string' && Object.entries(record).some(([key, v]) => key !== 'v' && v === text))
              sids.push(record.sid)
            for (const item of Object.values(record)) visit(item)
          }
        }
        visit(payloads)
        const shown = sids.map((sid) => container.querySelector(`[data-sid="${sid}"]`)).filter((el) => el?.matches('wx-input, wx-textarea'))
        return shown.at(-1) ?? null
      }
      /** The values the page's data gave the node with this sid, across every payload. */
      const dataOf = (sid: string | null): unknown[] => {
        const values: unknown[] = []
        const visit = (node: unknown): void => {
          if (Array.isArray(node)) for (const item of node) visit(item)
          else if (node && typeof node === 'object') {
            const record = node as Record<string, unknown>
            if (sid !== null && record.sid === sid) values.push(...Object.values(record))
            for (const item of Object.values(record)) visit(item)
          }
        }
        visit(payloads)
        return values
      }
      const tapOn = async (target: Any) => {
        // The privacy guide's agree button (its page data names open-type agreePrivacyAuthorization):
        // WeChat learns which button was tapped, then sends the button's agree event.
        const button = target.closest?.('wx-button')
        if (button && dataOf(button.__wxElement?.__id ? button.dataset.sid : null).includes('agreePrivacyAuthorization')) {
          ;(wx.__tappedAgreeButton as (id: string) => void)(button.__wxElement.__id)
          exparser.Event.dispatchEvent(
            button.__wxElement,
            exparser.Event.create('agreeprivacyauthorization', {}, { bubbles: false, composed: false }),
          )
        }
        const event = exparser.Event.create('tap', {}, { bubbles: true, composed: true, extraFields: { touches: [], changedTouches: [] } })
        exparser.Event.dispatchEvent(target.__wxElement, event)
        await settled()
        rendered.errors = errors.slice(before)
      }
      /** The first `selector` inside the row that shows `label`. */
      const labelled = (label: string, selector: string): Element | null => {
        const all = Array.from(container.querySelectorAll('*'))
        let row: Element | null | undefined = all.find((el) => el.textContent?.trim() === label)
        while (row && !row.querySelector(selector)) row = row.parentElement
        return row?.querySelector(selector) ?? null
      }
      /** A field's own event (input, change), as the view layer sends it, then the page settles. */
      const send = async (target: Any, name: string, detail: Record<string, unknown>) => {
        exparser.Event.dispatchEvent(target.__wxElement, exparser.Event.create(name, detail, { bubbles: false, composed: false }))
        await settled()
        rendered.errors = errors.slice(before)
      }
      const rendered: RenderedPage = {
        route,
        payloads,
        payloadBytes: sizes,
        dom: container,
        errors: errors.slice(before),
        async tap(text) {
          // An element reading exactly `text` (a tab, a label) first, its innermost such descendant;
          // else the innermost element whose text contains it.
          const all = Array.from(container.querySelectorAll('*'))
          const exact = all.find((el) => el.textContent?.trim() === text)
          let target: Any = exact ?? all.filter((el) => el.textContent?.includes(text)).at(-1)
          while (exact && target?.firstElementChild && target.firstElementChild.textContent?.trim() === text) {
            target = target.firstElementChild
          }
          while (target && !target.__wxElement) target = target.parentElement
          if (!target) throw new Error(`nothing on ${route} shows ${text}`)
          await tapOn(target)
        },
        async tapButton(text) {
          const button = Array.from(container.querySelectorAll('wx-button')).find((el) => el.textContent?.trim() === text)
          if (!button) throw new Error(`no button on ${route} reads ${text}`)
          await tapOn(button)
        },
        share() {
          if (typeof instance?.onShareAppMessage !== 'function') throw new Error(`${route} cannot be shared`)
          return instance.onShareAppMessage({ from: 'menu' })
        },
        async type(label, value) {
          const field: Any = labelled(label, 'wx-input, wx-textarea') ?? fieldShowing(label)
          if (!field?.__wxElement) throw new Error(`no field labelled ${label} on ${route}`)
          await send(field, 'input', { value, cursor: value.length })
        },
        async choose(label, value) {
          const picker: Any = labelled(label, 'wx-picker')
          if (!picker?.__wxElement) throw new Error(`no picker labelled ${label} on ${route}`)
          await send(picker, 'change', { value })
        },
      }
      return rendered
    },
  }
  return host
}
