import Taro from '@tarojs/taro'
import { usePrivacyNotice } from '../stores/privacyNotice'

/** The id of the notice's agree button: WeChat checks that this very button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

const AGREED_KEY = 'siyu-privacy-agreed'

/**
 * Whether the member agrees to the privacy guide before an action that touches their data (photos,
 * the clipboard, files). The mini program asks through WeChat itself (`onNeedPrivacyAuthorization`,
 * wired in app.ts) when the action runs, so it goes ahead; the browser build shows the same notice
 * first, once, and remembers the answer yes.
 */
export async function agreedToPrivacyGuide(): Promise<boolean> {
  if (process.env.TARO_ENV === 'weapp') return true
  if (Taro.getStorageSync(AGREED_KEY) === true) return true
  const agreed = await usePrivacyNotice.getState().ask()
  if (agreed) Taro.setStorageSync(AGREED_KEY, true)
  return agreed
}

/** Runs `action` once the member agreed; otherwise says why nothing happened and leaves the page as it was. */
export async function withPrivacyGuide<T>(action: () => Promise<T> | T): Promise<T | undefined> {
  if (!(await agreedToPrivacyGuide())) {
    void Taro.showToast({ title: '同意隐私保护指引后才能使用此功能', icon: 'none' })
    return undefined
  }
  return action()
}

/** WeChat's hook: a privacy API waits until the member answers the notice drawn on the page on screen. */
export function listenForPrivacyAuthorization(): void {
  const wx = Taro as unknown as {
    onNeedPrivacyAuthorization?: (
      listener: (resolve: (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void) => void,
    ) => void
  }
  wx.onNeedPrivacyAuthorization?.((resolve) => {
    resolve({ event: 'exposureAuthorization' })
    void usePrivacyNotice
      .getState()
      .ask()
      .then((agreed) => resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' }))
  })
}
