import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { FeedPost } from '../../../types/api'
import { mediaUrl } from '../../services/media'
import { creatorPath } from '../../utils/routes'
import './index.scss'

/**
 * Who wrote a post: avatar, nickname, 官方 for the brand's own posts and 达人 for a certified creator.
 * A tap opens the author's creator page (and not the post around it).
 */
export function PostAuthor({ post, size = 'small' }: { post: Pick<FeedPost, 'author' | 'kind'>; size?: 'small' | 'large' }) {
  const { author } = post
  const open = (event: { stopPropagation?: () => void }) => {
    event.stopPropagation?.()
    void Taro.navigateTo({ url: creatorPath(author.id) })
  }
  return (
    <View className={`post-author post-author--${size}`} ariaRole='link' onClick={open}>
      <Image className='post-author__avatar' src={mediaUrl(author.avatar)} mode='aspectFill' />
      <Text className='post-author__name'>{author.nickname}</Text>
      {post.kind === 'pgc' && <Text className='post-author__badge'>官方</Text>}
      {author.certified && <Text className='post-author__badge post-author__badge--creator'>达人</Text>}
    </View>
  )
}
