import type { CursorPage } from '../../types/api'
import { type PagedList, usePagedList } from './usePagedList'

/**
 * A list read on from a cursor (each answer's `next`) rather than by page number; otherwise the
 * same as usePagedList, which keeps the cursor between pages: loading, error and empty from the
 * first page, the next one on demand.
 */
export function useCursorList<T>(
  loadFrom: (cursor: string | undefined) => Promise<CursorPage<T>>,
  deps: readonly unknown[],
): PagedList<T> & { reload: () => Promise<void>; loadMore: () => Promise<void> } {
  return usePagedList(async (page, cursor) => {
    const answer = await loadFrom(page === 1 ? undefined : (cursor ?? undefined))
    return { items: answer.items, page, pageSize: answer.items.length, hasMore: answer.next !== null, cursor: answer.next }
  }, deps)
}
