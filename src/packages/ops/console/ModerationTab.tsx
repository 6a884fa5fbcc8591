import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TextField } from '../../../components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { QueuedPostView } from '../../../../types/api'
import { ListFooter, StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { mediaUrl } from '../../../services/media'
import { postApi } from '../../../services/posts'
import { showFailure } from '../../../utils/feedback'
import { shanghaiDateTime } from '../../../utils/time'
import { CommentModeration } from './CommentModeration'
import { StageChips } from './parts'

const PAGE_SIZE = 10
const REASON_MAX = 100
const QUICK_REASONS = ['图片与内容不符', '含广告或联系方式', '与关联商品无关', '内容不真实或夸大功效']

type Queue = 'posts' | 'comments'
const QUEUES: { key: Queue; title: string }[] = [
  { key: 'posts', title: '种草' },
  { key: 'comments', title: '评论' },
]

/** 审核: member posts waiting for review, and comments content security held back or staff hid. */
export function ModerationTab() {
  const [queue, setQueue] = useState<Queue>('posts')
  return (
    <View>
      <StageChips options={QUEUES} chosen={queue} onChoose={setQueue} />
      {queue === 'posts' ? <PostQueue /> : <CommentModeration />}
    </View>
  )
}

/** Member posts waiting for review, longest-waiting first; each is approved, or rejected with a reason its author sees. */
function PostQueue() {
  const queue = usePagedList((page) => postApi.queue({ page, pageSize: PAGE_SIZE }), [])
  // Decisions made here: the post stays on screen showing the outcome until the queue is loaded again.
  const [decided, setDecided] = useState<Record<string, QueuedPostView>>({})

  const reload = async () => {
    setDecided({})
    await queue.reload()
  }

  useReachBottom(() => {
    void queue.loadMore()
  })
  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })

  if (queue.status === 'loading') return <StateView kind='loading' />
  if (queue.status === 'error') return <StateView kind='error' message={queue.message} onRetry={queue.reload} />
  if (queue.items.length === 0) return <StateView kind='empty' title='没有待审核的种草' description='会员发布的种草会在这里等待审核' />

  return (
    <View className='ops-list'>
      {queue.items.map((post) => (
        <QueuedPost
          key={post.id}
          post={decided[post.id] ?? post}
          onDecided={(view) => setDecided((all) => ({ ...all, [view.id]: view }))}
        />
      ))}
      <ListFooter more={queue.more} hasMore={queue.hasMore} onRetry={queue.loadMore} />
    </View>
  )
}

/** What WeChat's content security said of the images, when staff should know before deciding. */
const IMAGE_CHECK_NOTE: Partial<Record<NonNullable<QueuedPostView['imagesSafety']>, string>> = {
  pending: '图片安全检测中：检测结果出来前不能通过',
  review: '图片安全检测建议人工复核：请看过图片再决定',
  risky: '图片没有通过安全检测：只能拒绝',
}

function QueuedPost({ post, onDecided }: { post: QueuedPostView; onDecided: (post: QueuedPostView) => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [pending, setPending] = useState<'approve' | 'reject' | null>(null)

  const decide = async (kind: 'approve' | 'reject') => {
    if (pending) return
    const why = reason.trim()
    if (kind === 'reject' && why.length === 0) return setProblem('请填写拒绝原因，作者会看到它')
    if (kind === 'reject' && why.length > REASON_MAX) return setProblem(`拒绝原因最多 ${REASON_MAX} 个字`)
    setProblem(null)
    setPending(kind)
    try {
      const answer = kind === 'approve' ? await postApi.approve(post.id) : await postApi.reject(post.id, why)
      Taro.showToast({ title: kind === 'approve' ? '已通过，已发布到种草' : '已拒绝', icon: 'none' })
      onDecided(answer)
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(null)
    }
  }

  return (
    <View className={`ops-post ops-post--${post.status}`} data-post={post.id}>
      <View className='ops-post__author'>
        <Image className='ops-post__avatar' src={mediaUrl(post.author.avatar)} mode='aspectFill' />
        <Text className='ops-post__nickname'>{post.author.nickname}</Text>
        <Text className='ops-post__time'>{shanghaiDateTime(post.createdAt)}</Text>
      </View>
      <Text className='ops-post__title'>{post.title}</Text>
      <Text className='ops-post__body'>{post.body}</Text>
      {post.images.length > 0 && (
        <View className='ops-post__images'>
          {post.images.map((image) => (
            <Image
              key={image}
              className='ops-post__image'
              src={mediaUrl(image)}
              mode='aspectFill'
              onClick={() => Taro.previewImage({ current: mediaUrl(image), urls: post.images.map(mediaUrl) })}
            />
          ))}
        </View>
      )}
      {post.products.length > 0 && <Text className='ops-note'>关联商品：{post.products.map((p) => p.title).join('、')}</Text>}
      {post.status === 'pending' && IMAGE_CHECK_NOTE[post.imagesSafety ?? 'none'] && (
        <Text className='ops-note'>{IMAGE_CHECK_NOTE[post.imagesSafety ?? 'none']}</Text>
      )}

      {post.status === 'approved' && <Text className='ops-post__outcome ops-post__outcome--approved'>已通过，已发布到种草</Text>}
      {post.status === 'rejected' && <Text className='ops-post__outcome ops-post__outcome--rejected'>已拒绝：{post.rejectReason}</Text>}
      {post.status === 'pending' &&
        (rejecting ? (
          <View className='ops-post__reject-form'>
            <View className='ops-post__reasons'>
              {QUICK_REASONS.map((text) => (
                <Text key={text} className='ops-chip' onClick={() => setReason(text)}>
                  {text}
                </Text>
              ))}
            </View>
            <TextField
              className='ops-post__reason'
              name='reason'
              type='text'
              value={reason}
              placeholder='拒绝原因（作者会看到）'
              maxLength={REASON_MAX}
              onChange={setReason}
            />
            {problem && <Text className='ops-post__problem'>{problem}</Text>}
            <View className='ops-post__actions'>
              <Button size='small' fill='outline' onClick={() => setRejecting(false)}>
                取消
              </Button>
              <Button
                className='ops-post__confirm-reject'
                size='small'
                type='danger'
                loading={pending === 'reject'}
                onClick={() => decide('reject')}
              >
                确认拒绝
              </Button>
            </View>
          </View>
        ) : (
          <View className='ops-post__actions'>
            <Button className='ops-post__reject' size='small' fill='outline' disabled={pending !== null} onClick={() => setRejecting(true)}>
              拒绝
            </Button>
            <Button
              className='ops-post__approve'
              size='small'
              type='primary'
              loading={pending === 'approve'}
              onClick={() => decide('approve')}
            >
              通过
            </Button>
          </View>
        ))}
    </View>
  )
}
