import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { FavouriteView } from '../../../../types/api'
import { PostReactions } from '../../../components'
import { describeError } from '../../../services/errors'
import { mediaUrl } from '../../../services/media'
import { reactionApi } from '../../../services/reactions'
import { postPath } from '../../../utils/routes'
import { shanghaiDay } from '../../../utils/time'

/**
 * One of 我的收藏: the post opens as readers see it and its likes and favourite can be switched here;
 * a post no longer published says so and can be taken out of the list.
 */
export function FavouriteCard({ favourite, onRemoved }: { favourite: FavouriteView; onRemoved: () => void }) {
  const [removing, setRemoving] = useState(false)
  const { post } = favourite
  if (!post) {
    const remove = async () => {
      setRemoving(true)
      try {
        await reactionApi.unfavourite(favourite.postId)
        onRemoved()
      } catch (error) {
        void Taro.showToast({ title: describeError(error), icon: 'none' })
      } finally {
        setRemoving(false)
      }
    }
    return (
      <View className='favourite favourite--gone'>
        <Text className='favourite__gone'>这篇内容已下架</Text>
        <Button size='small' loading={removing} onClick={remove}>
          取消收藏
        </Button>
      </View>
    )
  }
  return (
    <View className='favourite'>
      <View className='favourite__main' onClick={() => void Taro.navigateTo({ url: postPath(post.id) })}>
        <Image className='favourite__cover' src={mediaUrl(post.cover)} mode='aspectFill' lazyLoad />
        <View className='favourite__body'>
          <Text className='favourite__title'>{post.title}</Text>
          <Text className='favourite__excerpt'>{post.excerpt}</Text>
          <Text className='favourite__meta'>
            {post.author.nickname} · 收藏于 {shanghaiDay(favourite.favouritedAt)}
          </Text>
        </View>
      </View>
      <PostReactions post={post} favourite />
    </View>
  )
}
