import type { FeedPost } from '../../types/api'
import { api } from './api'
import { callError } from './errors'

const SCAN_PAGE_SIZE = 50

/** Finds one approved post by walking the feed, the only post listing the contract offers. */
export async function findPost(id: string): Promise<FeedPost> {
  for (let page = 1; ; page++) {
    const feed = await api.catalog.feed({ page, pageSize: SCAN_PAGE_SIZE })
    const post = feed.items.find((item) => item.id === id)
    if (post) return post
    if (!feed.hasMore) throw callError('NOT_FOUND', '这篇内容不存在或已下架')
  }
}
