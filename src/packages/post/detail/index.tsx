import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PostReactions, ProductCard, StateView } from '../../../components'
import { PostAuthor } from '../../../pages/home/PostCard'
import { useRemote } from '../../../hooks/useRemote'
import { useShareCards } from '../../../hooks/useShareCards'
import { api } from '../../../services/api'
import { callError, isNotFound } from '../../../services/errors'
import { mediaUrl } from '../../../services/media'
import { visitorKey } from '../../../services/visitor'
import { useSession } from '../../../stores/session'
import { PAGES, postPath, queryString, readParam, topicPath } from '../../../utils/routes'
import { shanghaiDay } from '../../../utils/time'
import { CommentReminder } from './CommentReminder'
import { PostComments } from './Comments'
import './index.scss'

const goHome = () => Taro.switchTab({ url: PAGES.home })

export default function PostDetailPage() {
  const { params } = useRouter()
  const id = readParam(params.id) ?? ''
  // The linked products carry member prices, which depend on who is signed in.
  const token = useSession((session) => session.token)
  const post = useRemote(
    () => (id ? api.catalog.post({ id, visitor: visitorKey() }) : Promise.reject(callError('NOT_FOUND', '这篇内容不存在或已下架'))),
    [id, token],
  )

  // Like a product card, a shared post carries the sharer's code; a Moments share carries it in the query alone.
  useShareCards(
    () => {
      const loaded = post.status === 'ready' ? post.data : null
      return { title: loaded ? loaded.title : '私域好物', imageUrl: loaded ? mediaUrl(loaded.cover) : undefined }
    },
    { path: (sc) => postPath(id, { sc }), query: (sc) => queryString({ id, sc }) },
  )

  if (post.status === 'loading') return <StateView kind='loading' />
  if (post.status === 'error') {
    return isNotFound(post) ? (
      <StateView
        kind='empty'
        title='这篇内容不存在或已下架'
        description='去首页看看别的好物吧'
        action={{ text: '回到首页', onClick: goHome }}
      />
    ) : (
      <StateView kind='error' message={post.message} onRetry={post.reload} />
    )
  }

  const { data } = post
  return (
    <View className='post-detail'>
      {/* The photos open the post whole, at their own proportions: the first is the cover, never shown twice or cropped. */}
      <View className='post-detail__photos'>
        {(data.images.length > 0 ? data.images : [data.cover]).map((image, index) => (
          <Image
            key={image}
            className='post-detail__photo'
            src={mediaUrl(image)}
            mode='widthFix'
            lazyLoad={index > 0}
            aria-label={`${data.title} 图 ${index + 1}`}
          />
        ))}
      </View>
      <View className='post-detail__body'>
        <Text className='post-detail__title'>{data.title}</Text>
        <View className='post-detail__meta'>
          <PostAuthor post={data} />
          <Text className='post-detail__date'>{shanghaiDay(data.createdAt)}</Text>
        </View>
        {data.body
          .split('\n')
          .filter((paragraph) => paragraph.trim() !== '')
          .map((paragraph, index) => (
            <Text key={index} className='post-detail__text'>
              {paragraph}
            </Text>
          ))}
        {(data.topics ?? []).length > 0 && (
          <View className='post-detail__topics'>
            {(data.topics ?? []).map((topic) => (
              <View
                key={topic.id}
                className='post-detail__topic'
                role='link'
                aria-label={`#${topic.name}`}
                onClick={() => void Taro.navigateTo({ url: topicPath(topic.id) })}
              >
                #{topic.name}
              </View>
            ))}
          </View>
        )}
        <View className='post-detail__likes'>
          <PostReactions post={data} favourite />
        </View>
      </View>
      <View className='section-title'>
        <Text>文中好物</Text>
      </View>
      {data.products.length === 0 ? (
        <StateView kind='empty' title='这篇内容没有关联商品' />
      ) : (
        <View className='post-detail__products'>
          {data.products.map((product) => (
            <ProductCard key={product.id} product={product} postId={data.id} layout='row' />
          ))}
        </View>
      )}
      {data.mine === true && <CommentReminder postId={data.id} />}
      <PostComments postId={data.id} />
    </View>
  )
}
