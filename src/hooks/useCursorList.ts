import { useRef } from 'react'
import type { CursorPage } from '../../types/api'
import { type PagedList, usePagedList } from './usePagedList'

/**
 * A list read on from a cursor (each answer's `next`) rather than by page number; otherwise the
 * same as usePagedList: loading, error and empty from the first page, the next one on demand.
 */
export function useCursorList<T>(
  loadFrom: (cursor: string | undefined) => Promise<CursorPage<T>>,
  deps: readonly unknown[],
): PagedList<T> & { reload: () => Promise<void>; loadMore: () => Promise<void> } {
  // Pages load one after another (usePagedList never asks for the next before the last arrived).
  const next = useRef<string | undefined>(undefined)
  return usePagedList(async (page) => {
    const answer = await loadFrom(page === 1 ? undefined : next.current)
    next.current = answer.next ?? undefined
    return { items: answer.items, page, pageSize: answer.items.length, total: 0, hasMore: answer.next !== null }
  }, deps)
}
