import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import type { FeedPost, PostReactionView } from '../../../types/api'
import type { PostReaction } from '../../../types/domain'
import { useSignedIn } from '../../hooks/useSignedIn'
import { describeError, isCallError } from '../../services/errors'
import { reactionApi } from '../../services/reactions'
import { nextSequence, usePostReactions } from '../../stores/postReactions'
import { useSession } from '../../stores/session'
import { askToSignIn } from '../../utils/signIn'
import './index.scss'

const ASK: Record<PostReaction, string> = { like: '登录后才能点赞', favourite: '登录后才能收藏' }

/**
 * A post's likes (觉得有用) and, with `favourite`, its favourites (收藏): the counts the server keeps of
 * members' records, and the member's own state, which a tap switches. What is shown is the server's:
 * the post as loaded, or the answer to a tap on it (here or on another view of it) made since. A
 * visitor is asked to sign in first.
 */
export function PostReactions({ post, favourite = false }: { post: FeedPost; favourite?: boolean }) {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const answer = usePostReactions((state) => state.answers[post.id])
  const remember = usePostReactions((state) => state.remember)
  // When this view loaded the post: a reload is fresher than any answer before it.
  const [loadedAt, setLoadedAt] = useState(nextSequence)
  useEffect(() => setLoadedAt(nextSequence()), [post])
  const shown: Pick<PostReactionView, 'liked' | 'favourited' | 'likes' | 'favourites'> =
    answer && answer.token === token && answer.sequence > loadedAt ? answer.view : post
  const busy = useRef(false)

  const tap = async (kind: PostReaction, event: { stopPropagation?: () => void }) => {
    // The card around opens the post on a tap; this tap is the button's alone.
    event.stopPropagation?.()
    if (!signedIn) return askToSignIn(ASK[kind])
    if (busy.current) return
    busy.current = true
    const on = kind === 'like' ? !shown.liked : !shown.favourited
    try {
      const next =
        kind === 'like'
          ? await (on ? reactionApi.like(post.id) : reactionApi.unlike(post.id))
          : await (on ? reactionApi.favourite(post.id) : reactionApi.unfavourite(post.id))
      remember(next, token)
    } catch (error) {
      if (isCallError(error) && error.code === 'UNAUTHENTICATED') await askToSignIn(`登录已失效，${ASK[kind]}`)
      else void Taro.showToast({ title: describeError(error), icon: 'none' })
    } finally {
      busy.current = false
    }
  }

  const button = (kind: PostReaction, on: boolean, label: string, text: ReactNode) => (
    <View
      className={`post-reactions__button${on ? ' post-reactions__button--on' : ''}`}
      ariaRole='button'
      ariaLabel={label}
      onClick={(event) => void tap(kind, event)}
    >
      {text}
    </View>
  )

  return (
    <View className='post-reactions'>
      {button(
        'like',
        shown.liked,
        shown.liked ? '取消点赞' : '点赞',
        <>
          <Text className='post-reactions__icon'>{shown.liked ? '♥' : '♡'}</Text>
          <Text>{shown.likes} 人觉得有用</Text>
        </>,
      )}
      {favourite &&
        button(
          'favourite',
          shown.favourited,
          shown.favourited ? '取消收藏' : '收藏',
          <>
            <Text className='post-reactions__icon'>{shown.favourited ? '★' : '☆'}</Text>
            <Text>
              {shown.favourited ? '已收藏' : '收藏'} {shown.favourites}
            </Text>
          </>,
        )}
    </View>
  )
}
