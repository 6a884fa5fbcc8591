import Taro from '@tarojs/taro'
import { postApi } from '../../../services/posts'
import { newRequestId } from '../../../utils/id'

/** The template of the 新评论提醒 message, set at build time (defineConstants in config/index.ts). */
const templateId = (): string => process.env.COMMENT_TEMPLATE_ID ?? ''

/**
 * Whether the member accepts one 新评论提醒: in the mini program WeChat asks them on this tap (a
 * one-time subscription); the browser build has no such dialog, and its messages stay in the local
 * outbox, so the tap itself is the consent there.
 */
async function memberAccepts(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return true
  const id = templateId()
  if (id === '') return false
  try {
    const answer = await Taro.requestSubscribeMessage({ tmplIds: [id] } as Taro.requestSubscribeMessage.Option)
    return (answer as unknown as Record<string, unknown>)[id] === 'accept'
  } catch {
    // Messages switched off in the member's settings, or an old WeChat.
    return false
  }
}

/** The reminder can be offered: always in the browser build, in the mini program once its template is set. */
export const canAskCommentReminder = () => process.env.TARO_ENV !== 'weapp' || templateId() !== ''

/**
 * Asks for one 新评论提醒 on the author's tap; when accepted the server records it as one credit,
 * used up by the next comment others can see. True when it was recorded.
 */
export async function askCommentReminder(postId: string): Promise<boolean> {
  if (!(await memberAccepts())) return false
  await postApi.notifyComments({ postId, requestId: newRequestId() })
  return true
}
