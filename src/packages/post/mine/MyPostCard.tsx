import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MyPostView } from '../../../../types/api'
import { mediaUrl } from '../../../services/media'
import { postPath } from '../../../utils/routes'
import { shanghaiDateTime } from '../../../utils/time'

export const POST_STATUS_LABEL: Record<MyPostView['status'], string> = {
  pending: '审核中',
  approved: '已发布',
  rejected: '未通过',
}

const STATUS_NOTE: Record<MyPostView['status'], string> = {
  pending: '运营审核通过后发布到首页种草，并发放积分奖励',
  approved: '已在首页种草展示，点击查看',
  rejected: '',
}

/** While it waits: what WeChat's content security said of its images, when that holds it. */
const IMAGES_NOTE: Partial<Record<NonNullable<MyPostView['imagesSafety']>, string>> = {
  pending: '图片安全检测中，检测通过后由运营审核，仅自己可见',
  risky: '图片没有通过安全检测，这篇种草不会发布，仅自己可见',
}

/** One of the member's posts with how its review went; a published one opens as readers see it. */
export function MyPostCard({ post }: { post: MyPostView }) {
  const open = () => {
    if (post.status === 'approved') void Taro.navigateTo({ url: postPath(post.id) })
  }
  return (
    <View className={`my-post my-post--${post.status}`} onClick={open}>
      <View className='my-post__main'>
        {post.cover ? <Image className='my-post__cover' src={mediaUrl(post.cover)} mode='aspectFill' lazyLoad /> : null}
        <View className='my-post__body'>
          <Text className='my-post__title'>{post.title}</Text>
          <Text className='my-post__excerpt'>{post.body}</Text>
          <Text className='my-post__time'>{shanghaiDateTime(post.createdAt)}</Text>
        </View>
        <Text className={`my-post__status my-post__status--${post.status}`}>{POST_STATUS_LABEL[post.status]}</Text>
      </View>
      {post.status === 'rejected' ? (
        <Text className='my-post__note my-post__note--rejected'>未通过原因：{post.rejectReason || '不符合发布规范'}</Text>
      ) : (
        <Text className='my-post__note'>
          {post.status === 'pending' ? (IMAGES_NOTE[post.imagesSafety ?? 'none'] ?? STATUS_NOTE.pending) : STATUS_NOTE[post.status]}
        </Text>
      )}
    </View>
  )
}
