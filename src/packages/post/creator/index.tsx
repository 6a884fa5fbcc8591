import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import type { CreatorView } from '../../../../types/api'
import { ListFooter, StateView } from '../../../components'
import { useCursorList } from '../../../hooks/useCursorList'
import { useRemote } from '../../../hooks/useRemote'
import { PostCard } from '../../../pages/home/PostCard'
import { callError } from '../../../services/errors'
import { followApi } from '../../../services/follows'
import { mediaUrl } from '../../../services/media'
import { useSession } from '../../../stores/session'
import { PAGES, readParam } from '../../../utils/routes'
import { FollowButton } from './FollowButton'
import './index.scss'

const PAGE_SIZE = 10

/**
 * A creator's page (达人/KOC): who they are, the 达人 badge and the challenge badges they earned,
 * the likes their posts received and their followers (counts of records), a 关注 button, and their
 * approved posts newest first. Anyone may look; following needs a signed-in member.
 */
export default function CreatorPage() {
  const creatorId = readParam(useRouter().params.id) ?? ''
  // Whether the member follows the creator is their own, so signing in or out reloads it.
  const token = useSession((session) => session.token)
  const creator = useRemote(
    () => (creatorId ? followApi.creator(creatorId) : Promise.reject(callError('CREATOR_NOT_FOUND', '没有这位创作者'))),
    [creatorId, token],
  )
  const posts = useCursorList((cursor) => followApi.creatorPosts({ creatorId, pageSize: PAGE_SIZE, cursor }), [creatorId, token])
  // A tap on 关注 answers the new state; it stands until the page loads again.
  const [followed, setFollowed] = useState<Pick<CreatorView, 'following' | 'followers'> | null>(null)

  useReachBottom(() => {
    void posts.loadMore()
  })
  usePullDownRefresh(async () => {
    setFollowed(null)
    await Promise.all([creator.reload(), posts.reload()])
    Taro.stopPullDownRefresh()
  })

  if (creator.status === 'loading') return <StateView kind='loading' />
  if (creator.status === 'error') {
    return creator.code === 'CREATOR_NOT_FOUND' ? (
      <StateView
        kind='empty'
        title='没有找到这位创作者'
        description='TA 可能还没有发布种草'
        action={{ text: '回到首页', onClick: () => void Taro.switchTab({ url: PAGES.home }) }}
      />
    ) : (
      <StateView kind='error' message={creator.message} onRetry={creator.reload} />
    )
  }
  const view = { ...creator.data, ...followed }
  return (
    <View className='creator'>
      <View className='creator__head'>
        <Image className='creator__avatar' src={mediaUrl(view.avatar)} mode='aspectFill' />
        <View className='creator__who'>
          <View className='creator__name-row'>
            <Text className='creator__name'>{view.nickname}</Text>
            {view.certified && <Text className='creator__certified'>达人</Text>}
          </View>
          <View className='creator__stats'>
            <Text>{`${view.followers} 人关注`}</Text>
            <Text>{`获赞 ${view.likesReceived}`}</Text>
          </View>
        </View>
        {!view.self && (
          <FollowButton
            creatorId={view.id}
            following={view.following}
            onChange={(answer) => setFollowed({ following: answer.following, followers: answer.followers })}
          />
        )}
      </View>
      {view.badges.length > 0 && (
        <View className='creator__badges' aria-label='获得的徽章'>
          {view.badges.map((badge) => (
            <Text key={badge.challengeId} className='creator__badge'>
              {badge.badge}
            </Text>
          ))}
        </View>
      )}
      <View className='section-title'>
        <Text>TA 的种草</Text>
      </View>
      {posts.status === 'loading' && <StateView kind='loading' />}
      {posts.status === 'error' && <StateView kind='error' message={posts.message} onRetry={posts.reload} />}
      {posts.status === 'ready' &&
        (posts.items.length === 0 ? (
          <StateView kind='empty' title='TA 还没有发布种草' />
        ) : (
          <View className='creator__posts'>
            {posts.items.map((post) => (
              <PostCard key={post.id} post={post} />
            ))}
            <ListFooter more={posts.more} hasMore={posts.hasMore} onRetry={posts.loadMore} />
          </View>
        ))}
    </View>
  )
}
