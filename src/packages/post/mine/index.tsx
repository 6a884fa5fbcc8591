import { useMemberList } from '../../../hooks/useMemberList'
import { MemberList } from '../../../components'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { postApi } from '../../../services/posts'
import { PAGES } from '../../../utils/routes'
import { usePostRevision } from '../shared/revision'
import { MyPostCard } from './MyPostCard'
import './index.scss'

const writePost = () => Taro.navigateTo({ url: PAGES.writePost })

export default function MyPostsPage() {
  // A post written on the page above shows here on return.
  const revision = usePostRevision((state) => state.revision)
  const posts = useMemberList((request) => postApi.mine(request), [revision])
  return (
    <MemberList
      list={posts}
      signedOut={{ title: '登录后查看我的种草', description: '在“我的”页登录后，可以写种草并查看审核进度' }}
      empty={{
        title: '还没有写过种草',
        description: '分享你用过的好物，审核通过后可得积分',
        action: { text: '去写一篇', onClick: writePost },
      }}
      className='my-posts'
      head={
        <View className='my-posts__head'>
          <Text className='my-posts__note'>种草经运营审核后发布；审核通过即发放积分奖励。</Text>
          <Button size='small' type='primary' onClick={writePost}>
            写种草
          </Button>
        </View>
      }
      itemsClassName='my-posts__items'
    >
      {(post) => <MyPostCard key={post.id} post={post} />}
    </MemberList>
  )
}
