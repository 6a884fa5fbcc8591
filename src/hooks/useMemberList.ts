import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Page } from '../../types/api'
import { useSession } from '../stores/session'
import { usePagedList } from './usePagedList'
import { useSignedIn } from './useSignedIn'

const PAGE_SIZE = 10

/**
 * One of the member's own lists (orders, redemptions, teams, posts), page by page: it starts over when
 * the member signs in or out and when `deps` change (a revision, a tab), reloads when pulled down and
 * loads the next page at the bottom. Signed out it is empty, without asking the server.
 */
export function useMemberList<T>(load: (request: { page: number; pageSize: number }) => Promise<Page<T>>, deps: readonly unknown[]) {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const list = usePagedList(
    (page) =>
      signedIn ? load({ page, pageSize: PAGE_SIZE }) : Promise.resolve({ items: [], page, pageSize: PAGE_SIZE, total: 0, hasMore: false }),
    [signedIn, token, ...deps],
  )

  useReachBottom(() => {
    void list.loadMore()
  })

  usePullDownRefresh(async () => {
    await list.reload()
    Taro.stopPullDownRefresh()
  })

  return { ...list, signedIn }
}

export type MemberList<T> = ReturnType<typeof useMemberList<T>>
