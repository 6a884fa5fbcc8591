import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { FeedPost } from '../../../types/api'
import { PostReactions, ProductCard } from '../../components'
import { mediaUrl } from '../../services/media'
import { creatorPath, postPath } from '../../utils/routes'

/**
 * Who wrote a post: avatar, nickname, 官方 for the brand's own posts and 达人 for a certified creator.
 * A tap opens the author's creator page (and not the post around it).
 */
export function PostAuthor({ post }: { post: Pick<FeedPost, 'author' | 'kind'> }) {
  const { author } = post
  return (
    <View
      className='post-author'
      onClick={(event) => {
        event.stopPropagation()
        void Taro.navigateTo({ url: creatorPath(author.id) })
      }}
    >
      <Image className='post-author__avatar' src={mediaUrl(author.avatar)} mode='aspectFill' />
      <Text className='post-author__name'>{author.nickname}</Text>
      {post.kind === 'pgc' && <Text className='post-author__badge'>官方</Text>}
      {author.certified && <Text className='post-author__badge post-author__badge--creator'>达人</Text>}
    </View>
  )
}

/** A 种草 post in the feed with its author (opening their creator page), the products it recommends (opening with the post credited) and its likes. */
export function PostCard({ post }: { post: FeedPost }) {
  const open = () => Taro.navigateTo({ url: postPath(post.id) })
  return (
    <View className='post-card'>
      <View className='post-card__main' onClick={open}>
        <Image className='post-card__cover' src={mediaUrl(post.cover)} mode='aspectFill' lazyLoad />
        <Text className='post-card__title'>{post.title}</Text>
        <Text className='post-card__excerpt'>{post.excerpt}</Text>
        <View className='post-card__meta'>
          <PostAuthor post={post} />
          <View className='post-card__likes'>
            <PostReactions post={post} />
          </View>
        </View>
      </View>
      {post.products.length > 0 && (
        <View className='post-card__products'>
          {post.products.map((product) => (
            <ProductCard key={product.id} product={product} postId={post.id} layout='row' />
          ))}
        </View>
      )}
    </View>
  )
}
