import { activeCampaigns } from '../../services/activeCampaigns'
import { FEATURED_ASK } from '../../first-screen/handoff'
import { api } from '../../services/api'

export const FEED_PAGE_SIZE = 10

/** What the home page asks for to fill its first screen. */
export const homeRequests = {
  featured: () => api.catalog.products(FEATURED_ASK),
  feedPage: (page: number, cursor?: string | null) => api.catalog.feed({ page, pageSize: FEED_PAGE_SIZE, cursor: cursor ?? undefined }),
  campaigns: activeCampaigns,
}
