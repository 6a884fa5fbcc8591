import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { MyPostView, Page } from '../../../../types/api'
import { ListFooter, StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { postApi } from '../../../services/posts'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { usePostRevision } from '../shared/revision'
import { MyPostCard } from './MyPostCard'
import './index.scss'

const PAGE_SIZE = 10

const nothing = (page: number): Promise<Page<MyPostView>> =>
  Promise.resolve({ items: [], page, pageSize: PAGE_SIZE, total: 0, hasMore: false })
const writePost = () => Taro.navigateTo({ url: PAGES.writePost })

export default function MyPostsPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  // A post written on the page above shows here on return.
  const revision = usePostRevision((state) => state.revision)
  const posts = usePagedList(
    (page) => (signedIn ? postApi.mine({ page, pageSize: PAGE_SIZE }) : nothing(page)),
    [signedIn, token, revision],
  )

  useReachBottom(() => {
    void posts.loadMore()
  })

  usePullDownRefresh(async () => {
    await posts.reload()
    Taro.stopPullDownRefresh()
  })

  if (!signedIn) {
    return (
      <StateView
        kind='empty'
        title='登录后查看我的种草'
        description='在“我的”页登录后，可以写种草并查看审核进度'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  if (posts.status === 'loading') return <StateView kind='loading' />
  if (posts.status === 'error') return <StateView kind='error' message={posts.message} onRetry={posts.reload} />
  if (posts.items.length === 0) {
    return (
      <StateView
        kind='empty'
        title='还没有写过种草'
        description='分享你用过的好物，审核通过后可得积分'
        action={{ text: '去写一篇', onClick: writePost }}
      />
    )
  }

  return (
    <View className='my-posts'>
      <View className='my-posts__head'>
        <Text className='my-posts__note'>种草经运营审核后发布；审核通过即发放积分奖励。</Text>
        <Button size='small' type='primary' onClick={writePost}>
          写种草
        </Button>
      </View>
      <View className='my-posts__items'>
        {posts.items.map((post) => (
          <MyPostCard key={post.id} post={post} />
        ))}
        <ListFooter more={posts.more} hasMore={posts.hasMore} onRetry={posts.loadMore} />
      </View>
    </View>
  )
}
