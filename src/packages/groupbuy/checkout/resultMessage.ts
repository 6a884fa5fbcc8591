import Taro from '@tarojs/taro'

/** The template of the 拼团结果 message, set at build time (defineConstants in config/index.ts); empty: not asked. */
const templateId = (): string => process.env.GROUPBUY_TEMPLATE_ID ?? ''

/** The one-time 拼团结果 message can be asked for only in the mini program, and only with its template configured. */
export const canAskResultMessage = () => process.env.TARO_ENV === 'weapp' && templateId() !== ''

/**
 * Asks the member, on their tap as WeChat requires, for one 拼团结果 subscription message.
 * True only when they accepted: the server then records the opt-in and sends the result once.
 */
export async function askResultMessage(): Promise<boolean> {
  const id = templateId()
  if (!canAskResultMessage()) return false
  try {
    // The answer names each template with the member's choice: { [templateId]: 'accept' | 'reject' | 'ban' … }.
    const answer = await Taro.requestSubscribeMessage({ tmplIds: [id] } as Taro.requestSubscribeMessage.Option)
    return (answer as unknown as Record<string, unknown>)[id] === 'accept'
  } catch {
    // Messages switched off in the member's settings, or an old WeChat: the result shows in 我的拼团.
    return false
  }
}
