import { describe, expect, it } from 'vitest'
import { feedQuery } from '../../cloudfunctions/src/store/sqlite/feed'
import { SIGNALS } from '../../cloudfunctions/src/store/sqlite/feed-signals'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'

/**
 * The feed's reads are served by indexes whatever the number of posts: SQLite's plan for each names
 * an index search and neither a full scan nor a temporary b-tree (a sort), so a deep page costs what
 * the first one does. Plans are deterministic for a schema, so this holds at 10^5 posts as at 0.
 */
const plan = (store: SqliteStore, sql: string, params: Record<string, unknown> | unknown[]) =>
  (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail)

describe('the 推荐 feed’s query plans (SQLite)', () => {
  const store = new SqliteStore(':memory:')

  for (const order of ['ranked', 'newest'] as const) {
    for (const fromCursor of [false, true]) {
      it(`reads the ${order} feed ${fromCursor ? 'after a cursor' : 'from the top'} by one index search, with no sort`, () => {
        const steps = plan(store, feedQuery(order, fromCursor), { limit: 11, key: 1, id: 'p1' })
        expect(steps).toEqual([
          fromCursor
            ? `SEARCH posts USING INDEX ${order === 'ranked' ? 'posts_feed_ranked (status=? AND (feed_rank,id)<(?,?))' : 'posts_feed_newest (status=? AND (created_at,id)<(?,?))'}`
            : `SEARCH posts USING INDEX ${order === 'ranked' ? 'posts_feed_ranked' : 'posts_feed_newest'} (status=?)`,
        ])
      })
    }
  }

  it('reads a post’s signals by its key and by indexes on its comments and orders', () => {
    expect(plan(store, SIGNALS, { postId: 'p1' })).toEqual([
      'SEARCH p USING INDEX sqlite_autoindex_posts_1 (id=?)',
      'SCALAR SUBQUERY 1',
      'SEARCH c USING INDEX comments_by_post (post_id=?)',
      'SCALAR SUBQUERY 2',
      'SEARCH o USING INDEX orders_by_post (<expr>=?)',
    ])
  })

  it('counts views in a range by their time index', () => {
    const steps = plan(store, 'SELECT post_id AS postId, COUNT(*) AS n FROM post_views WHERE at >= ? AND at < ? GROUP BY post_id', [0, 1])
    expect(steps[0]).toMatch(/SEARCH post_views USING COVERING INDEX post_views_by_time/)
  })
})
