import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { feed } from '../cloudfunctions/src/app/feed'
import { saveMember } from '../cloudfunctions/src/app/members'
import { feedScore } from '../cloudfunctions/src/core/feed-rank'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import type { FeedPage } from '../types/api'
import type { Member } from '../types/domain'
import type { Row } from './report'

const POSTS = 100_000
const SAMPLES = 400
const PAGE_SIZE = 10
/** How deep the deep page is: past half of the posts. */
const DEEP_PAGE = 5_000
const TARGET_P99_MS = 10
const DAY = 86_400_000
const section = 'Service throughput' as const

/** A small deterministic generator, so every run builds the same shop. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100
}

async function timed(read: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i += 1) await read()
  const samples: number[] = []
  for (let i = 0; i < SAMPLES; i += 1) {
    const start = performance.now()
    await read()
    samples.push(performance.now() - start)
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) }
}

/**
 * The 推荐 feed at 10^5 approved posts on a SQLite file, through the service (what a client is
 * answered: the posts with authors, products, counts): the first page and a page 5 000 pages deep
 * from its cursor, ranked and newest first. Both read one index range from the cursor, so depth
 * costs nothing.
 */
export async function feedBench(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-feed-'))
  const store = new SqliteStore(path.join(dir, 'bench.db'))
  const now = Date.parse('2026-11-20T04:00:00Z')
  try {
    await saveMember(store, {
      id: 'brand',
      nickname: '品牌',
      avatar: '',
      tier: 1,
      roles: ['consumer'],
      shareCode: 'BENCHFEED',
      createdAt: now,
    })
    const next = random(20_261_120)
    const insert = store.db.prepare(
      `INSERT INTO posts (id, author_id, title, body, cover, images, product_ids, kind, status, likes, created_at, topic_ids, feed_rank)
       VALUES (?, 'brand', ?, '一段种草文字。', '/media/posts/p.jpg', '[]', '[]', 'pgc', ?, ?, ?, '[]', ?)`,
    )
    store.db.transaction(() => {
      for (let i = 0; i < POSTS; i += 1) {
        const createdAt = now - Math.floor(next() * 365 * DAY)
        const likes = Math.floor(next() ** 4 * 500)
        const signals = { likes, comments: Math.floor(next() ** 4 * 50), favourites: Math.floor(next() ** 4 * 80), orders: 0 }
        // One in twenty is still in review or rejected: the feed skips them.
        const status = i % 20 === 0 ? 'pending' : 'approved'
        insert.run(`bp${String(i).padStart(6, '0')}`, `压测帖子 ${i}`, status, likes, createdAt, feedScore(signals, createdAt))
      }
    })()
    store.db.exec('ANALYZE')

    // A member who turned personalisation off reads the same posts newest first.
    const off: Member = {
      id: 'off',
      nickname: '关闭个性化',
      avatar: '',
      tier: 1,
      roles: ['consumer'],
      shareCode: 'BENCHOFF2',
      createdAt: now,
    }
    await saveMember(store, off)
    await store.putPreferences(off.id, { personalised: false })

    const group = '推荐 feed at 10^5 posts (service, SQLite)'
    const rows: Row[] = []
    for (const [name, viewer] of [
      ['推荐 feed', null],
      ['newest-first feed', off],
    ] as const) {
      const first = await timed(() => feed(store, viewer, { pageSize: PAGE_SIZE }, now))
      // The cursor DEEP_PAGE pages in, walked once.
      let page: FeedPage = await feed(store, viewer, { pageSize: PAGE_SIZE }, now)
      for (let n = 2; n <= DEEP_PAGE; n += 1) page = await feed(store, viewer, { page: n, pageSize: PAGE_SIZE, cursor: page.cursor! }, now)
      const cursor = page.cursor!
      const deep = await timed(() => feed(store, viewer, { page: DEEP_PAGE + 1, pageSize: PAGE_SIZE, cursor }, now))
      rows.push(
        { metric: `${name} first page p50 (10^5 posts)`, value: first.p50, unit: 'ms', section, group },
        { metric: `${name} first page p99 (10^5 posts)`, value: first.p99, unit: 'ms', atMost: TARGET_P99_MS, section, group },
        { metric: `${name} page ${DEEP_PAGE + 1} p50 (10^5 posts)`, value: deep.p50, unit: 'ms', section, group },
        { metric: `${name} page ${DEEP_PAGE + 1} p99 (10^5 posts)`, value: deep.p99, unit: 'ms', atMost: TARGET_P99_MS, section, group },
      )
    }
    return rows
  } finally {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
