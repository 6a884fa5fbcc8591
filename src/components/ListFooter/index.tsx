import { Text, View } from '@tarojs/components'
import './index.scss'

interface ListFooterProps {
  more: 'idle' | 'loading' | 'error'
  hasMore: boolean
  onRetry: () => void
}

/** The end of a paged list: loading the next page, failed (tap to retry), or nothing more. */
export function ListFooter({ more, hasMore, onRetry }: ListFooterProps) {
  if (more === 'loading') return <View className='list-footer'>加载中…</View>
  if (more === 'error') {
    return (
      <View className='list-footer list-footer--error' onClick={onRetry}>
        <Text>加载失败，点击重试</Text>
      </View>
    )
  }
  return <View className='list-footer'>{hasMore ? '上拉加载更多' : '没有更多了'}</View>
}
