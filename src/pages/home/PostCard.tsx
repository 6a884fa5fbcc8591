import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { FeedPost } from '../../../types/api'
import { PostAuthor, PostReactions, ProductCard } from '../../components'
import { mediaUrl } from '../../services/media'
import { postPath } from '../../utils/routes'

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
