import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ListFooter, StateView } from '../../components'
import { useCursorList } from '../../hooks/useCursorList'
import { useSignedIn } from '../../hooks/useSignedIn'
import { followApi } from '../../services/follows'
import { useSession } from '../../stores/session'
import { PAGES } from '../../utils/routes'
import { PostCard } from './PostCard'

const PAGE_SIZE = 10

/** 关注: the approved posts of the creators the member follows, newest first; a visitor is asked to sign in. */
export default function FollowingFeed({ onDiscover }: { onDiscover: () => void }) {
  const signedIn = useSignedIn()
  if (!signedIn) {
    return (
      <StateView
        kind='empty'
        title='登录后查看关注'
        description='关注喜欢的创作者，TA 的新种草会出现在这里'
        action={{ text: '去登录', onClick: () => void Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  return <FollowedPosts onDiscover={onDiscover} />
}

function FollowedPosts({ onDiscover }: { onDiscover: () => void }) {
  const token = useSession((session) => session.token)
  const posts = useCursorList((cursor) => followApi.following({ pageSize: PAGE_SIZE, cursor }), [token])

  useReachBottom(() => {
    void posts.loadMore()
  })
  usePullDownRefresh(() => {
    void posts.reload()
  })

  if (posts.status === 'loading') return <StateView kind='loading' />
  if (posts.status === 'error') return <StateView kind='error' message={posts.message} onRetry={posts.reload} />
  if (posts.items.length === 0) {
    return (
      <StateView
        kind='empty'
        title='还没有关注的创作者'
        description='在种草里点作者的头像或昵称，进入 TA 的主页关注'
        action={{ text: '去发现创作者', onClick: onDiscover }}
      />
    )
  }
  return (
    <View className='home__feed'>
      {posts.items.map((post) => (
        <PostCard key={post.id} post={post} />
      ))}
      <ListFooter more={posts.more} hasMore={posts.hasMore} onRetry={posts.loadMore} />
    </View>
  )
}
