import path from 'node:path'
import Database from 'better-sqlite3'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { MyPostView, Page as ApiPage } from '../../types/api'
import { MEDIA_DIR } from '../../cloudfunctions/src/local/paths'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

const DAY = 86_400_000
/** A NutUI button by its text (its inner text node is not what takes the tap in the browser build). */
const button = (scope: Page | Locator, text: string) => scope.locator('taro-button-core', { hasText: new RegExp(`^\\s*${text}\\s*$`) })
const TEA_TABLE_POST = '周末茶席｜龙井配杏仁酥'
const PHOTOS = ['p01-1.jpg', 'p02-1.jpg', 'p03-1.jpg']

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('a member in the community, in the H5 build', () => {
  const shop = browserShop()
  const dev = async (route: string, body: unknown) => {
    const res = await fetch(new URL(route, shop.url), { method: 'POST', body: JSON.stringify(body) })
    return (await res.json()).data
  }

  /** The 客服 approves the member's newest waiting post once content security answered for its photo (the host delivers verdicts every second). */
  async function staffApproveNewest(memberToken: string) {
    const staff = await signInAs(shop.url, 'service')
    const mine = await shop.api<ApiPage<MyPostView>>('post', 'mine', {}, memberToken)
    const waiting = mine.items.find((post) => post.status === 'pending' && post.title.startsWith('茶席打卡'))!
    await dev('/dev/media-checks', {})
    await expect
      .poll(
        async () =>
          (await shop.api<ApiPage<MyPostView>>('post', 'mine', {}, memberToken)).items.find((p) => p.id === waiting.id)?.imagesSafety,
      )
      .toBe('pass')
    await shop.api('post', 'approve', { postId: waiting.id }, staff)
  }

  let opened = 0
  /** Opens the 茶席打卡 topic from the post's page, as a member taps its #话题. */
  async function openTopicFrom(page: Page, postId: string) {
    // A fresh load (a new query, not only a new hash), so the post's page is the only page open:
    // a hash change alone left the page it came from showing too, at times.
    opened += 1
    await page.goto(`${shop.url}?opened=${opened}#/packages/post/detail/index?id=${postId}`)
    await page.getByRole('link', { name: '#茶席打卡' }).click()
    await page.getByLabel('打卡挑战 两周茶席打卡').waitFor()
  }

  async function postForTheDay(page: Page, day: number) {
    await button(page.getByLabel('打卡挑战 两周茶席打卡'), '去打卡').click()
    const title = page.getByRole('textbox', { name: '填写标题，让更多人看到' })
    await title.waitFor()
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: '添加图片' }).click()
    // The first picture asks for the privacy guide, once.
    if (day === 1) await page.getByRole('dialog', { name: '隐私保护指引' }).getByText('同意', { exact: true }).click()
    await (await chooser).setFiles(path.join(MEDIA_DIR, 'products', PHOTOS[day - 1]))
    await page.getByRole('button', { name: '删除第 1 张图片' }).waitFor()
    await title.fill(`茶席打卡第 ${day} 天`)
    await page.getByRole('textbox', { name: '分享你的真实体验：用了多久、效果怎样、适合谁……' }).fill('今天的茶席：一杯龙井，一碟杏仁酥。')
    // Opened from the challenge, the topic is chosen already.
    const topic = page.locator('.post-write__topics').last().getByText('#茶席打卡', { exact: true })
    await expect.poll(() => topic.getAttribute('aria-selected')).toBe('true')
    await button(page, '提交审核').click()
    await page.getByText('已提交，等待审核').waitFor()
  }

  it('likes, comments on and keeps a post, then joins its topic’s challenge and completes it on the third Shanghai day', async () => {
    const { page, errors } = await shop.signedInPage('新会员 · V1 顾客')
    const token = await signInAs(shop.url, 'consumer-v1')

    // The post, found in the feed by its title.
    await page.getByText('首页', { exact: true }).last().click()
    const card = page.locator('.post-card', { hasText: TEA_TABLE_POST })
    await card.locator('.post-card__title').click()
    await page.locator('.post-detail__title', { hasText: TEA_TABLE_POST }).waitFor()
    const postId = new URL(page.url().replace('#', '')).searchParams.get('id')!

    const detail = page.locator('.post-detail')
    await detail.getByRole('button', { name: '点赞', exact: true }).click()
    await detail.getByRole('button', { name: '取消点赞', exact: true }).waitFor()
    await detail.getByRole('button', { name: '收藏', exact: true }).click()
    await detail.getByRole('button', { name: '取消收藏', exact: true }).waitFor()
    await page.getByRole('textbox', { name: '说说你的看法（评论不赚积分）' }).fill('桌旗的颜色好温柔，想学着摆一次')
    await button(detail, '发送').click()
    await page.getByText('桌旗的颜色好温柔，想学着摆一次').waitFor()

    // 我的收藏 lists it.
    await page.goBack()
    await page.getByText('我的', { exact: true }).last().click()
    // Clicking the cell's inner title does not reach its handler; the cell itself does.
    await page.locator('.nut-cell', { has: page.getByText('我的收藏', { exact: true }) }).click()
    await page.locator('.favourite').getByText(TEA_TABLE_POST).waitFor()

    // The challenge of the post's topic: three days of 茶席 posts, each approved by staff.
    await openTopicFrom(page, postId)
    await page.getByText('已打卡 0 / 3 天').waitFor()
    for (const day of [1, 2, 3]) {
      if (day > 1) {
        await dev('/dev/clock', { advanceMs: DAY })
        await openTopicFrom(page, postId)
      }
      await postForTheDay(page, day)
      await staffApproveNewest(token)
    }
    await openTopicFrom(page, postId)
    await page.getByText('已完成：3 天打卡达成，获得徽章「茶席达人」').waitFor()

    // The reward points, in the points center's 明细.
    await page.goto(`${shop.url}#/packages/points/center/index`)
    const reward = page.locator('.points-ledger-row', { hasText: '完成打卡挑战「两周茶席打卡」' })
    await expect.poll(() => reward.textContent()).toContain('+50')

    // Every figure the member saw is a record.
    const db = new Database(shop.dbPath, { readonly: true })
    const one = (sql: string, ...params: unknown[]) => db.prepare(sql).get(...params)
    expect(one('SELECT 1 AS y FROM post_likes WHERE post_id = ? AND member_id = ?', postId, 'consumer-v1')).toBeTruthy()
    expect(one('SELECT 1 AS y FROM post_favourites WHERE post_id = ? AND member_id = ?', postId, 'consumer-v1')).toBeTruthy()
    expect(one("SELECT safety FROM comments WHERE post_id = ? AND author_id = 'consumer-v1'", postId)).toEqual({ safety: 'pass' })
    expect(one("SELECT COUNT(*) AS n FROM challenge_completions WHERE member_id = 'consumer-v1'")).toEqual({ n: 1 })
    expect(one("SELECT COUNT(*) AS n FROM image_checks WHERE member_id = 'consumer-v1' AND verdict = 'pass'")).toEqual({ n: 3 })
    db.close()
    expect(errors).toEqual([])
    await page.close()
  }, 240_000)
})
