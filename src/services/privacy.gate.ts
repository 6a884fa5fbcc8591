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

const DECLINED = '同意隐私保护指引后才能使用此功能'

/** WeChat's refusal of a privacy API the member has not agreed to (errno 104). */
const isPrivacyRefusal = (error: unknown): boolean =>
  (error as { errno?: number } | null)?.errno === 104 ||
  /privacy permission is not authorized/.test(String((error as { errMsg?: string } | null)?.errMsg))

/** Runs `action` once the member agreed; otherwise says why nothing happened and leaves the page as it was. */
export async function withPrivacyGuide<T>(action: () => Promise<T> | T): Promise<T | undefined> {
  if (!(await agreedToPrivacyGuide())) {
    void Taro.showToast({ title: DECLINED, icon: 'none' })
    return undefined
  }
  try {
    return await action()
  } catch (error) {
    // In the mini program the member answers WeChat's own check, during the call.
    if (!isPrivacyRefusal(error)) throw error
    void Taro.showToast({ title: DECLINED, icon: 'none' })
    return undefined
  }
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
