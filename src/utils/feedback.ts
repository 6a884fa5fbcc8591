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

/** WeChat's own colours for a modal's confirm button: its usual blue, and red for what destroys or gives up something. */
export const CONFIRM_COLOR = { usual: '#576B95', destructive: '#D9363E' } as const

/**
 * Asks before an action; resolves true when the member confirms. A destructive one (deleting,
 * cancelling, stopping) is confirmed with a red button, never the browser build's default green.
 */
export async function confirmAction(
  title: string,
  content: string,
  confirmText = '确定',
  { destructive = false }: { destructive?: boolean } = {},
): Promise<boolean> {
  const confirmColor = destructive ? CONFIRM_COLOR.destructive : CONFIRM_COLOR.usual
  const { confirm } = await Taro.showModal({ title, content, confirmText, confirmColor, cancelText: '再想想' })
  return confirm
}
