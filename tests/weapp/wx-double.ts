/**
 * A test double of the mini program's `wx` for the weapp harness: storage in memory, navigation,
 * toasts and modals recorded, and `wx.cloud.callFunction` answered in-process by the real function
 * registry over a fresh, seeded SQLite shop, with the caller's OPENID as identity (as CloudBase does).
 */
import fs from 'node:fs'
import type { FunctionName, PaymentRequest } from '../../types/api'
import type { Order } from '../../types/domain'
import { jobNamed } from '../../cloudfunctions/src/app/jobs'
import { HostClock } from '../../cloudfunctions/src/local/clock'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { seedIfEmpty } from '../../cloudfunctions/src/local/seed'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void }

/** Answers a wx-style async call: callbacks when given, a promise always (as the base library does). */
function answer<T>(options: Callbacks | undefined, run: () => T | Promise<T>): Promise<T> {
  const result = Promise.resolve().then(run)
  result.then(
    (res) => {
      options?.success?.(res)
      options?.complete?.(res)
    },
    (err) => {
      options?.fail?.(err)
      options?.complete?.(err)
    },
  )
  return options?.success || options?.fail ? result.catch(() => undefined as T) : result
}

/**
 * WeChat Pay as the mini program meets it: prepay answers the parameters of `wx.requestPayment`
 * (the order in `package`), and paying sends WeChat Pay's notification to the shop's real payment
 * callback (LocalPayProvider.pay), as WeChat Pay does once the buyer confirms.
 */
class WeChatPayDouble extends LocalPayProvider {
  override async prepay(order: Order): Promise<PaymentRequest> {
    const params = { timeStamp: '1796342400', nonceStr: 'double', package: `prepay_id=${order.id}`, signType: 'RSA', paySign: 'double' }
    return { provider: 'wechat', params }
  }
}

export interface WxDouble {
  wx: Record<string, unknown>
  /** The shop behind `wx.cloud.callFunction`, to check its records. */
  store: SqliteStore
  /** WeChat Pay and the platform as the shop meets them (shipping uploads, refunds). */
  pay: LocalPayProvider
  /** Orders WeChat Pay was asked to pay (through `wx.requestPayment`), oldest first. */
  payments: string[]
  /** From now on WeChat names `openid` as the caller (null: nobody). */
  signInAs(openid: string | null): void
  /** Runs a timer job (by its name in app/jobs.ts) to the end, as its CloudBase timer trigger does. */
  runTimer(name: string): Promise<void>
  /** Every call the page made that a person would notice or that leaves the page. */
  log: { api: string; arg: unknown }[]
  /** Calls to cloud functions that ended in a refusal or a fault: `name.action code`. */
  refusals: string[]
  /** What the clipboard holds (set through `wx.setClipboardData`). */
  clipboard(): string
  /** Whether the member agreed to the privacy guide, as WeChat keeps it. */
  privacyAgreed(): boolean
  /** The badges the tab bar shows, by tab index, as WeChat draws them. */
  tabBadges: ReadonlyMap<number, string>
  /** Calls a function directly, as `as` (to look up ids for the pages' queries). */
  call(name: FunctionName, action: string, data: unknown, as: string | null): Promise<unknown>
  close(): Promise<void>
}

/** `openid` null: no identity reaches the functions (a call before WeChat knows the user). */
export async function createWxDouble(openid: string | null): Promise<WxDouble> {
  const clock = new HostClock()
  const store = new SqliteStore(':memory:')
  await seedIfEmpty(store, clock.now())
  const pay = new WeChatPayDouble(store, clock, null)
  const payments: string[] = []
  let caller = openid
  const storage = new Map<string, unknown>()
  const log: WxDouble['log'] = []
  const refusals: string[] = []
  const recorded =
    (api: string, res: object = { errMsg: `${api}:ok` }) =>
    (arg?: Callbacks) => {
      log.push({ api, arg })
      return answer(arg, () => res)
    }

  // The tab bar as WeChat keeps it: its badges change only while one of its own pages is on top.
  const tabBadges = new Map<number, string>()
  const tabPages = (): string[] =>
    (JSON.parse(fs.readFileSync('dist/weapp/app.json', 'utf8')) as { tabBar: { list: { pagePath: string }[] } }).tabBar.list.map(
      (tab) => tab.pagePath,
    )
  const tabBarApi = (api: string, change: (index: number, text?: string) => void) => (o: Callbacks & { index: number; text?: string }) =>
    answer(o, () => {
      log.push({ api, arg: o })
      const top = (globalThis as { getCurrentPages?: () => { route?: string }[] }).getCurrentPages?.().at(-1)?.route
      if (!top || !tabPages().includes(top)) throw { errMsg: `${api}:fail not TabBar page` }
      change(o.index, o.text)
      return { errMsg: `${api}:ok` }
    })

  // No layout in jsdom: a measured node answers an empty rect (miniprogram-simulate's query answers nothing).
  const selectorQuery = () => {
    const answers: unknown[] = []
    const rect = { id: '', dataset: {}, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0 }
    const query: Record<string, unknown> = {}
    const nodes = (all: boolean) => ({
      boundingClientRect: () => (answers.push(all ? [] : rect), query),
      scrollOffset: () => (answers.push(all ? [] : { scrollTop: 0, scrollLeft: 0 }), query),
      fields: () => (answers.push(all ? [] : rect), query),
      node: () => (answers.push(null), query),
    })
    Object.assign(query, {
      in: () => query,
      select: () => nodes(false),
      selectAll: () => nodes(true),
      selectViewport: () => nodes(false),
      exec: (cb?: (res: unknown[]) => void) => void setTimeout(() => cb?.(answers), 0),
    })
    return query
  }

  // The privacy guide as the base library enforces it: a privacy API called before the member agreed
  // asks the app's onNeedPrivacyAuthorization listener and waits; it goes ahead only on 'agree' named
  // by the agree button the member tapped, and fails with errno 104 otherwise (or with no listener).
  const privacy = {
    agreed: false,
    listener: null as null | ((resolve: (answer: { event: string; buttonId?: string }) => void) => void),
    tappedAgreeButton: null as string | null,
  }
  let clipboard = ''
  const privacyApi =
    <T>(api: string, run: (o: Callbacks & Record<string, unknown>) => T) =>
    (o: Callbacks & Record<string, unknown>) =>
      answer(o, async () => {
        log.push({ api, arg: o })
        if (!privacy.agreed) {
          const listener = privacy.listener
          const outcome = listener
            ? await new Promise<{ event: string; buttonId?: string }>((resolve) =>
                listener((reply) => {
                  if (reply.event !== 'exposureAuthorization') resolve(reply)
                }),
              )
            : { event: 'none' }
          if (outcome.event !== 'agree' || !outcome.buttonId || outcome.buttonId !== privacy.tappedAgreeButton)
            throw { errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 }
          privacy.agreed = true
        }
        return run(o)
      })

  const wx: Record<string, unknown> = {
    /** Not WeChat's: the harness says which agree button a finger tapped, as the base library knows. */
    __tappedAgreeButton: (id: string) => {
      privacy.tappedAgreeButton = id
    },
    onNeedPrivacyAuthorization: (listener: typeof privacy.listener) => {
      privacy.listener = listener
    },
    getPrivacySetting: (o: Callbacks) =>
      answer(o, () => ({
        needAuthorization: !privacy.agreed,
        privacyContractName: '《私域小程序隐私保护指引》',
        errMsg: 'getPrivacySetting:ok',
      })),
    openPrivacyContract: recorded('openPrivacyContract'),
    setClipboardData: privacyApi('setClipboardData', (o) => {
      clipboard = String(o.data)
      return { errMsg: 'setClipboardData:ok' }
    }),
    getClipboardData: privacyApi('getClipboardData', () => ({ data: clipboard, errMsg: 'getClipboardData:ok' })),
    chooseImage: privacyApi('chooseImage', () => ({ tempFilePaths: ['wxfile://tmp_picked.jpg'], tempFiles: [], errMsg: 'chooseImage:ok' })),
    createSelectorQuery: selectorQuery,
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorage: (o: Callbacks & { key: string }) =>
      answer(o, () => {
        if (!storage.has(o.key)) throw { errMsg: 'getStorage:fail data not found' }
        return { data: storage.get(o.key), errMsg: 'getStorage:ok' }
      }),
    setStorage: (o: Callbacks & { key: string; data: unknown }) =>
      answer(o, () => {
        storage.set(o.key, o.data)
        return { errMsg: 'setStorage:ok' }
      }),
    removeStorage: (o: Callbacks & { key: string }) =>
      answer(o, () => {
        storage.delete(o.key)
        return { errMsg: 'removeStorage:ok' }
      }),
    setTabBarBadge: tabBarApi('setTabBarBadge', (index, text) => tabBadges.set(index, String(text))),
    removeTabBarBadge: tabBarApi('removeTabBarBadge', (index) => tabBadges.delete(index)),
    navigateTo: recorded('navigateTo'),
    redirectTo: recorded('redirectTo'),
    switchTab: recorded('switchTab'),
    reLaunch: recorded('reLaunch'),
    navigateBack: recorded('navigateBack'),
    showToast: recorded('showToast'),
    showModal: recorded('showModal', { confirm: false, cancel: true, errMsg: 'showModal:ok' }),
    showLoading: recorded('showLoading'),
    hideLoading: recorded('hideLoading'),
    requestPayment: (o: Callbacks & { package?: string }) =>
      answer(o, async () => {
        log.push({ api: 'requestPayment', arg: o })
        const orderId = /^prepay_id=(.+)$/.exec(o.package ?? '')?.[1]
        if (!orderId) throw { errMsg: 'requestPayment:fail invalid package' }
        payments.push(orderId)
        const notified = await pay.pay(orderId, false)
        if (notified?.errcode !== 0) throw { errMsg: `requestPayment:fail ${notified?.errmsg ?? 'no order'}` }
        return { errMsg: 'requestPayment:ok' }
      }),
    requestSubscribeMessage: recorded('requestSubscribeMessage', { errMsg: 'requestSubscribeMessage:ok' }),
    getEnterOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001, referrerInfo: {} }),
    getLaunchOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001, referrerInfo: {} }),
    cloud: {
      init: () => undefined,
      callFunction: (o: Callbacks & { name: string; data: { action?: unknown } }) =>
        answer(o, async () => {
          const fn = Object.hasOwn(FUNCTIONS, o.name) ? FUNCTIONS[o.name as FunctionName] : undefined
          if (!fn) throw { errMsg: `cloud.callFunction:fail function not found: ${o.name}` }
          const result = await dispatch(fn, o.data, { store, pay, now: clock.now(), memberId: caller })
          if (!result.ok) refusals.push(`${o.name}.${String(o.data?.action)} ${result.code}`)
          return { result, errMsg: 'cloud.callFunction:ok' }
        }),
    },
  }
  const call: WxDouble['call'] = async (name, action, data, as) => {
    const result = await dispatch(FUNCTIONS[name], { action, data }, { store, pay, now: clock.now(), memberId: as })
    if (!result.ok) throw new Error(`${name}.${action}: ${result.code} ${result.message}`)
    return result.data
  }
  const signInAs = (who: string | null) => {
    caller = who
  }
  const runTimer = async (name: string) => {
    await jobNamed(name).run(store, clock.now(), pay)
  }
  return {
    wx,
    store,
    pay,
    payments,
    signInAs,
    runTimer,
    log,
    refusals,
    clipboard: () => clipboard,
    privacyAgreed: () => privacy.agreed,
    tabBadges,
    call,
    close: () => store.close(),
  }
}
