import type { Instant } from '../../../types/domain'

/** What members did with a post, each a count of records. */
export interface EngagementSignals {
  likes: number
  comments: number
  favourites: number
  /** Paid orders whose last touch was the post. */
  orders: number
}

export const NO_ENGAGEMENT: EngagementSignals = { likes: 0, comments: 0, favourites: 0, orders: 0 }

/** Age at which a post needs twice the engagement to stay level with a new one. */
export const FEED_HALF_LIFE_MS = 2 * 86_400_000

/** A buyer says more than a comment or a keep, which say more than a tap on 有用. */
const WEIGHTS: EngagementSignals = { likes: 1, comments: 2, favourites: 2, orders: 5 }

/** Scores are kept to a millionth, so both adapters store and compare the same number. */
const PRECISION = 1e6

/**
 * The 推荐 rank of a post: log2 of its weighted engagement plus its age measured in half-lives from
 * the epoch. A score ages by itself: at any moment, ordering by it is ordering by
 * `log2(1 + engagement) − age / half-life`, the same for everyone, so a score is written only when a
 * signal changes and never needs a periodic decay. It rises with each signal and with recency.
 */
export function feedScore(signals: EngagementSignals, createdAt: Instant): number {
  const engagement =
    WEIGHTS.likes * Math.max(0, signals.likes) +
    WEIGHTS.comments * Math.max(0, signals.comments) +
    WEIGHTS.favourites * Math.max(0, signals.favourites) +
    WEIGHTS.orders * Math.max(0, signals.orders)
  return Math.round((createdAt / FEED_HALF_LIFE_MS + Math.log2(1 + engagement)) * PRECISION) / PRECISION
}

/** A post as the ranked feed orders it. */
export interface RankedPost {
  id: string
  rank: number
}

/**
 * Feed order: higher score first, then the larger id, so equal scores always come in the same order
 * (both descending, so one index serves it and a cursor is a single `(score, id) <` comparison).
 */
export function compareRanked(a: RankedPost, b: RankedPost): number {
  return b.rank - a.rank || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
}

/** Which order the feed is read in: ranked for members who keep personalisation on, newest first otherwise. */
export type FeedOrder = 'ranked' | 'newest'

/** Where a feed page goes on from: the order, and the last post's sort key (score or createdAt) and id. */
export interface FeedCursor {
  order: FeedOrder
  key: number
  id: string
}

const CURSOR = /^([rn])(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)~([A-Za-z0-9_-]{1,64})$/

/** A cursor as the client carries it: `r<score>~<id>` or `n<createdAt>~<id>`. */
export function encodeFeedCursor(cursor: FeedCursor): string {
  return `${cursor.order === 'ranked' ? 'r' : 'n'}${cursor.key}~${cursor.id}`
}

/** The cursor a client sent back, or null when it is not one of ours. */
export function decodeFeedCursor(text: string): FeedCursor | null {
  const match = CURSOR.exec(text)
  if (!match) return null
  const key = Number(match[2])
  return Number.isFinite(key) ? { order: match[1] === 'r' ? 'ranked' : 'newest', key, id: match[3] } : null
}

/** The cursor regex, for the payload schema. */
export const FEED_CURSOR_PATTERN = CURSOR
