// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useCursorList } from '../../src/hooks/useCursorList'
import { usePagedList } from '../../src/hooks/usePagedList'

type Loaded = { items: string[]; page: number; pageSize: number; hasMore: boolean; cursor?: string | null }

describe('usePagedList with a cursor-paged listing (the 推荐 feed)', () => {
  it('asks for each next page with the cursor the page before gave, and starts over without one', async () => {
    const pages: Record<string, Loaded> = {
      first: { items: ['a', 'b'], page: 1, pageSize: 2, hasMore: true, cursor: 'r9~b' },
      'r9~b': { items: ['c', 'd'], page: 2, pageSize: 2, hasMore: true, cursor: 'r5~d' },
      'r5~d': { items: ['e'], page: 3, pageSize: 2, hasMore: false, cursor: null },
    }
    const load = vi.fn(async (_page: number, cursor: string | null) => pages[cursor ?? 'first'])
    const { result } = renderHook(() => usePagedList(load, []))
    await waitFor(() => expect(result.current.status).toBe('ready'))
    await act(() => result.current.loadMore())
    await act(() => result.current.loadMore())
    expect(result.current.items).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(result.current.hasMore).toBe(false)
    expect(load.mock.calls).toEqual([
      [1, null],
      [2, 'r9~b'],
      [3, 'r5~d'],
    ])
    // The end was reached: no more asking. A reload starts again from the top, without a cursor.
    await act(() => result.current.loadMore())
    await act(() => result.current.reload())
    expect(load.mock.calls.slice(3)).toEqual([[1, null]])
    expect(result.current.items).toEqual(['a', 'b'])
  })
})

describe('useCursorList (a creator’s posts, the 关注 feed)', () => {
  it('reads on from each answer’s next, stops when there is none, and starts over from the top', async () => {
    const answers: Record<string, { items: string[]; next: string | null }> = {
      top: { items: ['p9', 'p8'], next: 'c8' },
      c8: { items: ['p7'], next: 'c7' },
      c7: { items: ['p6'], next: null },
    }
    const load = vi.fn(async (cursor: string | undefined) => answers[cursor ?? 'top'])
    const { result } = renderHook(() => useCursorList(load, []))
    await waitFor(() => expect(result.current.status).toBe('ready'))
    await act(() => result.current.loadMore())
    await act(() => result.current.loadMore())
    await act(() => result.current.loadMore())
    expect(result.current.items).toEqual(['p9', 'p8', 'p7', 'p6'])
    expect(result.current.hasMore).toBe(false)
    expect(load.mock.calls).toEqual([[undefined], ['c8'], ['c7']])
    await act(() => result.current.reload())
    expect(load.mock.calls.slice(3)).toEqual([[undefined]])
    expect(result.current.items).toEqual(['p9', 'p8'])
  })
})
