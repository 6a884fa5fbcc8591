import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '../../types/api'
import { describeError } from '../services/errors'

export interface PagedList<T> {
  /** State of the first page: the screen shows loading / error / empty from it. */
  status: 'loading' | 'error' | 'ready'
  message: string
  items: T[]
  hasMore: boolean
  /** State of the next page, shown in the list footer. */
  more: 'idle' | 'loading' | 'error'
}

function startingList<T>(): PagedList<T> {
  return { status: 'loading', message: '', items: [], hasMore: false, more: 'idle' }
}

/** A page that names where the next one starts (a cursor-paged listing such as the feed). */
type MaybeCursorPage<T> = Omit<Page<T>, 'total'> & { cursor?: string | null }

/**
 * A list loaded page by page; starts over whenever `deps` change. A listing that answers a `cursor`
 * gets it back with the next page's number.
 */
export function usePagedList<T>(loadPage: (page: number, cursor: string | null) => Promise<MaybeCursorPage<T>>, deps: readonly unknown[]) {
  const [list, setList] = useState<PagedList<T>>(startingList)
  const latestLoad = useRef(loadPage)
  latestLoad.current = loadPage
  // Read between renders (scroll events arrive faster than React re-renders): which load is current,
  // the last page loaded and whether a page is on its way.
  const progress = useRef({ generation: 0, page: 0, cursor: null as string | null, hasMore: false, inFlight: false })

  const reload = useCallback(async () => {
    const generation = ++progress.current.generation
    Object.assign(progress.current, { page: 0, cursor: null, hasMore: false, inFlight: true })
    // Already the starting list (the first load on mount): the same state, so no render for nothing.
    setList((current) => (current.status === 'loading' && current.items.length === 0 ? current : startingList()))
    try {
      const page = await latestLoad.current(1, null)
      if (generation !== progress.current.generation) return
      Object.assign(progress.current, { page: 1, cursor: page.cursor ?? null, hasMore: page.hasMore, inFlight: false })
      setList({ ...startingList<T>(), status: 'ready', items: page.items, hasMore: page.hasMore })
    } catch (error) {
      if (generation !== progress.current.generation) return
      progress.current.inFlight = false
      setList({ ...startingList<T>(), status: 'error', message: describeError(error) })
    }
  }, [])

  const loadMore = useCallback(async () => {
    const { generation, page: loaded, cursor, hasMore, inFlight } = progress.current
    if (inFlight || !hasMore) return
    progress.current.inFlight = true
    setList((prev) => ({ ...prev, more: 'loading' }))
    try {
      const page = await latestLoad.current(loaded + 1, cursor)
      if (generation !== progress.current.generation) return
      Object.assign(progress.current, { page: loaded + 1, cursor: page.cursor ?? null, hasMore: page.hasMore, inFlight: false })
      setList((prev) => ({ ...prev, items: [...prev.items, ...page.items], hasMore: page.hasMore, more: 'idle' }))
    } catch (error) {
      if (generation !== progress.current.generation) return
      progress.current.inFlight = false
      setList((prev) => ({ ...prev, more: 'error', message: describeError(error) }))
    }
  }, [])

  // Starts over only when the caller's deps change.
  useEffect(() => {
    void reload()
  }, deps)

  return { ...list, reload, loadMore }
}
