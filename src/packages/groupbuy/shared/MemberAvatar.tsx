import { Image, View } from '@tarojs/components'
import { mediaUrl } from '../../../services/media'

/** A team member as everyone sees them: their avatar, or the first character of their nickname. */
export function MemberAvatar({ nickname, avatar, className }: { nickname: string; avatar: string; className?: string }) {
  return (
    <View className={`gb-avatar${className ? ` ${className}` : ''}`}>
      {avatar ? <Image className='gb-avatar__image' src={mediaUrl(avatar)} mode='aspectFill' /> : nickname.slice(0, 1)}
    </View>
  )
}
