import { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useSession } from '../stores/session'

/** What a share shows: a title and, once the page has loaded, its picture. */
export interface ShareCard {
  title: string
  imageUrl?: string
}

/** Where a share opens the page, given the sharer's share code (none for a visitor). */
export interface ShareLink {
  /** The chat card's page path with its query. */
  path: (sc: string | undefined) => string
  /** A Moments share reopens this page with its query alone (WeChat scene 1154, 1155 in the single-page view). */
  query: (sc: string | undefined) => string
}

/**
 * The chat card and the Moments share of a page, both carrying the member's share code, so an entry
 * through either is attributed alike. Sharing itself earns nothing: no points, growth or commission.
 */
export function useShareCards(card: () => ShareCard, link: ShareLink): void {
  const sc = () => useSession.getState().member?.shareCode ?? undefined
  useShareAppMessage(() => ({ ...card(), path: link.path(sc()) }))
  useShareTimeline(() => ({ ...card(), query: link.query(sc()) }))
}
