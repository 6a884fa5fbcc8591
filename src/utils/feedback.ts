import Taro from '@tarojs/taro'
import { describeError, isCallError } from '../services/errors'
import { askToSignIn } from './signIn'

/** Tells the member why an action did not happen, in the server's words; a lost session leads to sign-in. */
export function showFailure(error: unknown): void {
  if (isCallError(error) && error.code === 'UNAUTHENTICATED') {
    void askToSignIn('登录已失效，请重新登录后再试')
    return
  }
  void Taro.showToast({ title: describeError(error), icon: 'none', duration: 2500 })
}

/** Asks before an action that cannot be undone; resolves true when the member confirms. */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: '再想想' })
  return confirm
}
