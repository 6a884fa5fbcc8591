import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { FeedPost, Page as ApiPage } from '../../types/api'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('liking and keeping a post in the H5 build', () => {
  const shop = browserShop()

  it('a V4 consumer likes a post in the feed and keeps it on its page; the records back the counts shown', async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    const token = await signInAs(shop.url, 'consumer-v4')
    const feed = await shop.api<ApiPage<FeedPost>>('catalog', 'feed', { pageSize: 10 }, token)
    const index = feed.items.findIndex((p) => !p.liked && !p.favourited)
    const post = feed.items[index]

    await page.getByText('首页', { exact: true }).last().click()
    const card = page.locator('.post-card').nth(index)
    await card.waitFor()
    await expect.poll(() => card.getByRole('button', { name: '点赞' }).textContent()).toContain(`${post.likes} 人觉得有用`)
    await card.getByRole('button', { name: '点赞' }).click()
    await expect.poll(() => card.getByRole('button', { name: '取消点赞' }).textContent()).toContain(`${post.likes + 1} 人觉得有用`)

    await card.locator('.post-card__title').click()
    await page.locator('.post-detail__title').waitFor()
    await page.getByRole('button', { name: '收藏' }).click()
    await expect.poll(() => page.getByRole('button', { name: '取消收藏' }).textContent()).toContain(`已收藏 ${post.favourites + 1}`)

    const db = new Database(shop.dbPath, { readonly: true })
    const counted = db.prepare('SELECT likes, favourites FROM posts WHERE id = ?').get(post.id) as { likes: number; favourites: number }
    const records = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE post_id = ?`).get(post.id) as { n: number }).n
    expect(counted).toEqual({ likes: records('post_likes'), favourites: records('post_favourites') })
    expect(counted).toEqual({ likes: post.likes + 1, favourites: post.favourites + 1 })
    expect(db.prepare('SELECT member_id FROM post_likes WHERE post_id = ? AND member_id = ?').get(post.id, 'consumer-v4')).toBeTruthy()
    db.close()
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
