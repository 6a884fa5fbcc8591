import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { type ReactNode, useRef, useState } from 'react'
import type { CommentView } from '../../../../types/api'
import { StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { postApi } from '../../../services/posts'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { newRequestId } from '../../../utils/id'
import { askToSignIn } from '../../../utils/signIn'
import { shanghaiDateTime } from '../../../utils/time'

/** The server's limit on one comment (characters). */
export const COMMENT_MAX = 500
const PAGE_SIZE = 10

type Order = 'newest' | 'liked'
const ORDERS: { key: Order; title: string }[] = [
  { key: 'newest', title: '最新' },
  { key: 'liked', title: '最热' },
]

/**
 * 评论 under a post: newest or most-liked first, each with its replies; the member writes one (or
 * replies to a top-level one), likes others' and deletes their own. What the server holds back for
 * content review shows to its author alone, marked 审核中.
 */
export function PostComments({ postId }: { postId: string }) {
  const signedIn = useSignedIn()
  const [order, setOrder] = useState<Order>('newest')
  const list = usePagedList((page) => postApi.comments({ postId, order, page, pageSize: PAGE_SIZE }), [postId, order, signedIn])
  const [replyTo, setReplyTo] = useState<CommentView | null>(null)

  return (
    <View className='post-comments' aria-label='评论'>
      <View className='post-comments__head'>
        <Text className='post-comments__title'>评论</Text>
        <View className='post-comments__orders' role='tablist' aria-label='评论排序'>
          {ORDERS.map(({ key, title }) => (
            <View
              key={key}
              role='tab'
              aria-selected={order === key}
              className={`post-comments__order${order === key ? ' post-comments__order--on' : ''}`}
              onClick={() => setOrder(key)}
            >
              {title}
            </View>
          ))}
        </View>
      </View>
      <CommentBox
        postId={postId}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        onPosted={() => {
          setReplyTo(null)
          void list.reload()
        }}
      />
      {list.status === 'loading' && <StateView kind='loading' />}
      {list.status === 'error' && <StateView kind='error' message={list.message} onRetry={list.reload} />}
      {list.status === 'ready' && list.items.length === 0 && <StateView kind='empty' title='还没有评论' description='来说说你的看法吧' />}
      {list.status === 'ready' &&
        list.items.map((comment) => (
          <CommentItem key={comment.id} comment={comment} onReply={setReplyTo} onChanged={list.reload}>
            {comment.replies.map((reply) => (
              <CommentItem key={reply.id} comment={reply} onChanged={list.reload} />
            ))}
          </CommentItem>
        ))}
      {list.status === 'ready' && list.hasMore && (
        <View className='post-comments__more' role='button' onClick={() => void list.loadMore()}>
          {list.more === 'loading' ? '加载中…' : list.more === 'error' ? '加载失败，点此重试' : '查看更多评论'}
        </View>
      )}
    </View>
  )
}

function CommentBox({
  postId,
  replyTo,
  onCancelReply,
  onPosted,
}: {
  postId: string
  replyTo: CommentView | null
  onCancelReply: () => void
  onPosted: () => void
}) {
  const signedIn = useSignedIn()
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  // One id per comment being written: a retry after a lost answer cannot post it twice.
  const requestId = useRef(newRequestId())

  const send = async () => {
    if (!signedIn) return askToSignIn('登录后才能评论')
    if (text.trim() === '') return Taro.showToast({ title: '写点什么再发送吧', icon: 'none' })
    setSending(true)
    try {
      const sent = await postApi.comment({ postId, text, requestId: requestId.current, ...(replyTo ? { parentId: replyTo.id } : {}) })
      requestId.current = newRequestId()
      setText('')
      await Taro.showToast({ title: sent.safety === 'pass' ? '已发布' : '已提交，审核通过后他人可见', icon: 'none' })
      onPosted()
    } catch (error) {
      showFailure(error)
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='post-comments__box'>
      {replyTo && (
        <View className='post-comments__replying'>
          <Text>回复 {replyTo.author?.nickname ?? '已注销用户'}</Text>
          <Text className='post-comments__link' onClick={onCancelReply}>
            取消回复
          </Text>
        </View>
      )}
      <TextArea
        className='post-comments__input'
        value={text}
        placeholder={replyTo ? '写下你的回复' : '说说你的看法（评论不赚积分）'}
        maxLength={COMMENT_MAX}
        autoSize
        onChange={setText}
        aria-label='评论内容'
      />
      <View className='post-comments__send'>
        <Text className='post-comments__count'>
          {text.length}/{COMMENT_MAX}
        </Text>
        <Button type='primary' size='small' loading={sending} disabled={sending} onClick={() => void send()}>
          发送
        </Button>
      </View>
    </View>
  )
}

function CommentItem({
  comment,
  onReply,
  onChanged,
  children,
}: {
  comment: CommentView
  onReply?: (comment: CommentView) => void
  onChanged: () => void
  children?: ReactNode
}) {
  const signedIn = useSignedIn()
  const [likes, setLikes] = useState({ liked: comment.liked, likes: comment.likes })
  const busy = useRef(false)

  const like = async () => {
    if (!signedIn) return askToSignIn('登录后才能点赞')
    if (busy.current) return
    busy.current = true
    try {
      const answer = likes.liked ? await postApi.unlikeComment(comment.id) : await postApi.likeComment(comment.id)
      setLikes({ liked: answer.liked, likes: answer.likes })
    } catch (error) {
      showFailure(error)
    } finally {
      busy.current = false
    }
  }

  const remove = async () => {
    if (!(await confirmAction('删除评论', '删除后其他人将看不到这条评论', '删除', { destructive: true }))) return
    try {
      await postApi.deleteComment(comment.id)
      await Taro.showToast({ title: '已删除', icon: 'none' })
      onChanged()
    } catch (error) {
      showFailure(error)
    }
  }

  return (
    <View
      className={`post-comment${comment.parentId ? ' post-comment--reply' : ''}`}
      aria-label={`${comment.author?.nickname ?? '已注销用户'}的评论`}
    >
      <View className='post-comment__meta'>
        <Text className='post-comment__author'>{comment.author?.nickname ?? '已注销用户'}</Text>
        {comment.safety !== 'pass' && <Text className='post-comment__held'>审核中，仅自己可见</Text>}
        <Text className='post-comment__time'>{shanghaiDateTime(comment.createdAt)}</Text>
      </View>
      <Text className='post-comment__text'>{comment.text}</Text>
      <View className='post-comment__actions'>
        {comment.safety === 'pass' && (
          <View role='button' aria-label={likes.liked ? '取消点赞评论' : '点赞评论'} onClick={() => void like()}>
            {`${likes.liked ? '已赞' : '赞'} ${likes.likes}`}
          </View>
        )}
        {onReply && comment.safety === 'pass' && (
          <View role='button' onClick={() => (signedIn ? onReply(comment) : askToSignIn('登录后才能回复'))}>
            回复
          </View>
        )}
        {comment.mine && (
          <View role='button' onClick={() => void remove()}>
            删除
          </View>
        )}
      </View>
      {children}
    </View>
  )
}
