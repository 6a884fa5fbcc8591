import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import type { ChallengeView, TopicView } from '../../../../types/api'
import { ListFooter, StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { PostCard } from '../../../pages/home/PostCard'
import { postApi } from '../../../services/posts'
import { useSession } from '../../../stores/session'
import { readParam } from '../../../utils/routes'
import { ChallengeCard } from './ChallengeCard'
import './index.scss'

const PAGE_SIZE = 10

/** A topic's page (#话题): its 打卡 challenges with the member's progress, then its approved posts newest first. */
export default function TopicPage() {
  const topicId = readParam(useRouter().params.id) ?? ''
  // Progress is the signed-in member's own, so signing in or out reloads it.
  const token = useSession((session) => session.token)
  const [topic, setTopic] = useState<TopicView | null>(null)
  const [challenges, setChallenges] = useState<ChallengeView[]>([])
  const posts = usePagedList(
    async (page) => {
      const view = await postApi.topic({ topicId, page, pageSize: PAGE_SIZE })
      if (page === 1) {
        setTopic(view.topic)
        setChallenges(view.challenges)
        void Taro.setNavigationBarTitle({ title: `#${view.topic.name}` })
      }
      return view.posts
    },
    [topicId, token],
  )

  useReachBottom(() => {
    void posts.loadMore()
  })
  usePullDownRefresh(async () => {
    await posts.reload()
    Taro.stopPullDownRefresh()
  })

  if (posts.status === 'loading') return <StateView kind='loading' />
  if (posts.status === 'error') return <StateView kind='error' message={posts.message} onRetry={posts.reload} />
  return (
    <View className='topic'>
      {topic && (
        <View className='topic__head'>
          <Text className='topic__name'>#{topic.name}</Text>
          {topic.description !== '' && <Text className='topic__description'>{topic.description}</Text>}
        </View>
      )}
      {challenges.map((challenge) => (
        <ChallengeCard key={challenge.id} challenge={challenge} topicId={topicId} />
      ))}
      {posts.items.length === 0 ? (
        <StateView kind='empty' title='这个话题还没有种草' description='写一篇种草并选择这个话题，审核通过后就会出现在这里' />
      ) : (
        <View className='topic__posts'>
          {posts.items.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
          <ListFooter more={posts.more} hasMore={posts.hasMore} onRetry={posts.loadMore} />
        </View>
      )}
    </View>
  )
}
