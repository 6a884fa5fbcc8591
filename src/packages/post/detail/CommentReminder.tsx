import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { showFailure } from '../../../utils/feedback'
import { askCommentReminder, canAskCommentReminder } from './commentReminder'

/**
 * For the post's author only: 新评论提醒. Each accepted request is one message about the next new
 * comment (WeChat's one-time subscriptions), so the author can ask again after it was used.
 */
export function CommentReminder({ postId }: { postId: string }) {
  const [asked, setAsked] = useState(0)
  const [busy, setBusy] = useState(false)
  if (!canAskCommentReminder()) return null

  const ask = async () => {
    setBusy(true)
    try {
      if (await askCommentReminder(postId)) {
        setAsked((n) => n + 1)
        await Taro.showToast({ title: '有新评论时会通知你一次', icon: 'none' })
      } else {
        await Taro.showToast({ title: '没有开启提醒，可在「我的种草」查看评论', icon: 'none' })
      }
    } catch (error) {
      showFailure(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='post-detail__reminder'>
      <Text className='post-detail__reminder-note'>
        {asked > 0 ? `已开启 ${asked} 次新评论提醒，每次通知一条` : '有人评论时，用微信消息告诉我'}
      </Text>
      <Button size='small' fill='outline' loading={busy} disabled={busy} onClick={() => void ask()}>
        {asked > 0 ? '再要一次提醒' : '新评论提醒'}
      </Button>
    </View>
  )
}
