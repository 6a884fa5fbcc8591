import Taro from '@tarojs/taro'
import { PAGES } from './routes'

/** Explains that this needs a signed-in member and offers the way there (the 我的 tab). */
export async function askToSignIn(reason = '登录后才能使用购物车和下单'): Promise<void> {
  const { confirm } = await Taro.showModal({ title: '请先登录', content: reason, confirmText: '去登录', cancelText: '再看看' })
  if (confirm) await Taro.switchTab({ url: PAGES.me })
}
