/**
 * A local database from before the 推荐 score: migration 31 gives every stored post the score of the
 * records it already has (likes, favourites, visible comments, paid orders under its touch).
 */
import { describe, expect, it } from 'vitest'
import { NO_ENGAGEMENT, feedScore } from '../../cloudfunctions/src/core/feed-rank'
import { migrate } from '../../cloudfunctions/src/store/sqlite/migrations'
import { databaseAtVersion } from '../support/schema-at'

const T0 = Date.parse('2026-11-20T12:00:00+08:00')

describe('the 推荐 score migration (sqlite)', () => {
  it('scores every stored post from its records', () => {
    const db = databaseAtVersion(':memory:', 29)
    const addPost = db.prepare(
      `INSERT INTO posts (id, author_id, title, body, cover, images, product_ids, kind, status, likes, favourites, created_at)
       VALUES (?, 'brand', '龙井', '……', '', '[]', '[]', 'pgc', 'approved', ?, ?, ?)`,
    )
    addPost.run('busy', 2, 1, T0 - 86_400_000)
    addPost.run('quiet', 0, 0, T0)
    const addComment = db.prepare(
      `INSERT INTO comments (id, post_id, author_id, parent_id, text, safety, state, likes, created_at, day)
       VALUES (?, 'busy', 'v1', NULL, '好喝', ?, ?, 0, ?, '2026-11-20')`,
    )
    addComment.run('cm1', 'pass', 'shown', T0)
    addComment.run('cm2', 'pass', 'hidden', T0)
    addComment.run('cm3', 'risky', 'shown', T0)
    const addOrder = db.prepare(
      `INSERT INTO orders (id, member_id, status, payable, refunded_amount, created_at, pay_deadline, version, doc)
       VALUES (?, 'v1', ?, 100, 0, ?, ?, 1, ?)`,
    )
    addOrder.run('o1', 'paid', T0, T0, JSON.stringify({ touch: { postId: 'busy' }, paidAt: T0 }))
    addOrder.run('o2', 'cancelled', T0, T0, JSON.stringify({ touch: { postId: 'busy' }, paidAt: null }))
    addOrder.run('o3', 'paid', T0, T0, JSON.stringify({ touch: null, paidAt: T0 }))

    migrate(db)
    const rank = (id: string) => (db.prepare('SELECT feed_rank FROM posts WHERE id = ?').get(id) as { feed_rank: number }).feed_rank
    expect(rank('busy')).toBe(feedScore({ likes: 2, favourites: 1, comments: 1, orders: 1 }, T0 - 86_400_000))
    expect(rank('quiet')).toBe(feedScore(NO_ENGAGEMENT, T0))
    expect(db.prepare('SELECT name FROM schema_migrations WHERE version = 31').get()).toMatchObject({
      name: expect.stringContaining('推荐'),
    })
  })
})
