/**
 * A local database from before likes were records carried invented figures in `posts.likes`: the
 * migration sets every count back to its records (none yet), and a later like counts from there.
 */
import { describe, expect, it } from 'vitest'
import { migrate } from '../../cloudfunctions/src/store/sqlite/migrations'
import { databaseAtVersion } from '../support/schema-at'

describe('the likes migration (sqlite)', () => {
  it('drops the stored likes figures and counts from the records', () => {
    const db = databaseAtVersion(':memory:', 23)
    db.prepare(
      `INSERT INTO posts (id, author_id, title, body, cover, images, product_ids, kind, status, likes, created_at)
       VALUES ('post01', 'brand', '龙井', '……', '', '[]', '[]', 'pgc', 'approved', 862, 0)`,
    ).run()
    migrate(db)
    expect(db.prepare('SELECT likes, favourites FROM posts').get()).toEqual({ likes: 0, favourites: 0 })
    // One record per member and post, by the primary key.
    db.prepare("INSERT INTO post_likes VALUES ('post01', 'v1', 1)").run()
    expect(() => db.prepare("INSERT INTO post_likes VALUES ('post01', 'v1', 2)").run()).toThrow(/UNIQUE/)
    expect(db.prepare('SELECT name FROM schema_migrations WHERE version = 25').get()).toMatchObject({
      name: expect.stringContaining('likes'),
    })
  })
})
