import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { MemberList as MemberListState } from '../../hooks/useMemberList'
import { PAGES } from '../../utils/routes'
import { ListFooter } from '../ListFooter'
import { StateView } from '../StateView'

interface MemberListProps<T> {
  list: MemberListState<T>
  /** What a signed-out visitor is told this list holds. */
  signedOut: { title: string; description?: string }
  empty: { title: string; description: string; action: { text: string; onClick: () => void } }
  /** Shown above the items once there are some. */
  head?: ReactNode
  className?: string
  itemsClassName: string
  children: (item: T) => ReactNode
}

/** The screen of a member's own list: signed out, loading, failed or empty, else its items and the list footer. */
export function MemberList<T>({ list, signedOut, empty, head, className, itemsClassName, children }: MemberListProps<T>) {
  if (!list.signedIn) {
    return <StateView kind='empty' {...signedOut} action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }} />
  }
  if (list.status === 'loading') return <StateView kind='loading' />
  if (list.status === 'error') return <StateView kind='error' message={list.message} onRetry={list.reload} />
  if (list.items.length === 0) return <StateView kind='empty' {...empty} />
  const items = (
    <View className={itemsClassName}>
      {list.items.map(children)}
      <ListFooter more={list.more} hasMore={list.hasMore} onRetry={list.loadMore} />
    </View>
  )
  if (!className) return items
  return (
    <View className={className}>
      {head}
      {items}
    </View>
  )
}
