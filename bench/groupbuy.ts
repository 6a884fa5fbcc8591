import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { OrderView, TeamView } from '../types/api'
import type { ApiResult } from '../types/errors'
import type { GroupBuyCampaign, Member, Order, Product, Seat, Team } from '../types/domain'
import { orderIdFor } from '../cloudfunctions/src/app/checkout'
import { teamIdFor } from '../cloudfunctions/src/app/groupbuy-orders'
import { DEFAULT_ORDER_TIMINGS } from '../cloudfunctions/src/core/orders'
import { FUNCTIONS } from '../cloudfunctions/src/functions/registry'
import { dispatch } from '../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../cloudfunctions/src/local/pay'
import { SessionKeys } from '../cloudfunctions/src/local/sessions'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import { startShopProcess } from '../tests/support/shop-process'
import { batchJobInOwnProcess } from './measure'
import { batchJobRows } from './targets'
import type { Row } from './report'
import { saveMember } from '../cloudfunctions/src/app/members'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const TEAM_SIZE = 10
/** Joiners racing for the 9 seats a team of 10 has once its leader paid. */
const RUSH_JOINERS = 50
const RUSH_TEAMS = 200
const HTTP_RUSH_TEAMS = 100
const WIDE_TEAMS = 1_000
const WIDE_CONCURRENCY = 50
/** Distinct joiners and leaders, so no one reaches the campaign's per-member limit. */
const MEMBERS = 1_000

const SKU = 'gb-bench-s1'
const PRICE = 12_800
const TEAM_PRICE = 9_900
const address = { name: '王五', phone: '13700000000', region: '北京市 朝阳区', detail: '建国路 1 号' }

const SERVICE = 'Service throughput' as const
const CORRECTNESS = 'Concurrency correctness' as const

function product(now: number): Product {
  return {
    id: 'gb-bench',
    categoryId: 'c-tea',
    title: '压测拼团茶',
    subtitle: '',
    images: ['/media/products/gb-bench-1.jpg'],
    detail: '',
    tags: [],
    sales: 0,
    status: 'on',
    featured: false,
    commissionBps: null,
    sort: 0,
    createdAt: now,
    skus: [{ id: SKU, productId: 'gb-bench', specs: { 规格: '50g' }, price: PRICE, stock: 10_000_000 }],
  }
}

function campaign(id: string, now: number, teamSize: number): GroupBuyCampaign & Record<string, unknown> {
  return {
    id,
    title: '压测拼团',
    productId: 'gb-bench',
    skus: [{ skuId: SKU, teamPrice: TEAM_PRICE }],
    teamSize,
    timeLimitMs: 24 * HOUR,
    stock: 10_000_000,
    perMemberLimit: 100,
    startAt: now - 3 * DAY,
    endAt: now + 30 * DAY,
    enabled: true,
    sort: 0,
  }
}

function member(id: string, now: number): Member {
  return {
    id,
    nickname: `会员${id}`,
    avatar: `/media/avatars/${id}.jpg`,
    tier: 1,
    roles: ['consumer'],
    shareCode: `GB${id.toUpperCase()}`,
    createdAt: now,
  }
}

const leaders = Array.from({ length: MEMBERS }, (_, i) => `l${i}`)
const joiners = Array.from({ length: MEMBERS }, (_, i) => `j${i}`)

/** A fresh database's one category, which the demo shop also has. */
const putTeaCategory = (store: SqliteStore) =>
  store.putCategory({ id: 'c-tea', name: '茗茶', icon: '/media/categories/c-tea.png', sort: 1 })

/** The shop a group-buy needs: the product, a campaign per part, leaders and joiners. */
async function seedShop(store: SqliteStore, campaigns: GroupBuyCampaign[], now: number): Promise<void> {
  await store.putProduct(product(now))
  for (const c of campaigns) await store.putGroupBuy({ ...c })
  for (const id of [...leaders, ...joiners]) await saveMember(store, member(id, now))
}

/** Teams over their size, and seats held or paid in `campaignId` beyond what its counter says (both must be 0). */
function seatChecks(db: Database.Database, campaignId: string): { overSize: number; uncounted: number } {
  return db
    .prepare(
      `SELECT
         (SELECT COUNT(*) FROM teams t WHERE t.campaign_id = @c
            AND (SELECT COUNT(*) FROM team_seats s WHERE s.team_id = t.id AND s.status IN ('held', 'paid')) > json_extract(t.doc, '$.size')) AS overSize,
         (SELECT COUNT(*) FROM team_seats WHERE campaign_id = @c AND status IN ('held', 'paid'))
           - COALESCE((SELECT taken FROM groupbuy_seats_taken WHERE campaign_id = @c), 0) AS uncounted`,
    )
    .get({ c: campaignId }) as { overSize: number; uncounted: number }
}

interface JoinTally {
  attempted: number
  won: number
  /** Refusals other than a full team: under a rush every join either wins a seat or finds the team full. */
  failed: number
  latencies: number[]
}

function tally(): JoinTally {
  return { attempted: 0, won: 0, failed: 0, latencies: [] }
}

function count(t: JoinTally, answer: ApiResult<unknown>, ms: number): void {
  t.attempted += 1
  t.latencies.push(ms)
  if (answer.ok) t.won += 1
  else if (answer.code !== 'TEAM_FULL') t.failed += 1
}

/** Both must be 0: no team over its size; every seat held is counted, and every join won a seat or found the team full. */
function correctness(where: string, checks: { overSize: number; uncounted: number }, t: JoinTally): Row[] {
  return [
    { metric: `group-buy teams over their size ${where}`, value: checks.overSize, unit: 'count', expected: 0, section: CORRECTNESS },
    {
      metric: `group-buy seats miscounted or joins failed ${where}`,
      value: Math.abs(checks.uncounted) + t.failed,
      unit: 'count',
      expected: 0,
      section: CORRECTNESS,
    },
  ]
}

const percentile = (sorted: number[], q: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10

/** Joins through the group-buy function (validation, caller, service) on a temporary SQLite file. */
async function serviceJoins(rows: Row[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-groupbuy-'))
  const store = new SqliteStore(path.join(dir, 'bench.db'))
  const now = Date.parse('2026-11-20T04:00:00Z')
  const pay = new LocalPayProvider(store, { now: () => now })
  const call = (memberId: string, action: string, data: Record<string, unknown>) =>
    dispatch(FUNCTIONS.groupbuy, { action, data }, { store, pay, now, memberId })
  const join = async (t: JoinTally, memberId: string, teamId: string, requestId: string) => {
    const start = performance.now()
    const answer = await call(memberId, 'join', { teamId, skuId: SKU, requestId, address, expectedPayable: TEAM_PRICE })
    count(t, answer, performance.now() - start)
  }
  /** A leader opens a team and pays for it (through the payment callback), so it is open for joins. */
  const openPaidTeam = async (campaignId: string, leaderId: string, requestId: string): Promise<string> => {
    const opened = await call(leaderId, 'open', { campaignId, skuId: SKU, requestId, address, expectedPayable: TEAM_PRICE })
    if (!opened.ok) throw new Error(`${opened.code}: ${opened.message}`)
    const { team, order } = opened.data as { team: TeamView; order: OrderView }
    const paid = await pay.pay(order.id, false)
    if (paid?.outcome !== 'paid') throw new Error(`leader payment ${paid?.outcome}`)
    return team.id
  }
  try {
    await putTeaCategory(store)
    await seedShop(store, [campaign('gb-rush', now, TEAM_SIZE), campaign('gb-wide', now, TEAM_SIZE)], now)

    // One team at a time: a fresh team of 10, then 50 joins at once for its 9 free seats.
    const rush = tally()
    let rushMs = 0
    for (let r = 0; r < RUSH_TEAMS; r += 1) {
      const teamId = await openPaidTeam('gb-rush', leaders[r % MEMBERS], `rush-open-${r}`)
      const start = performance.now()
      await Promise.all(
        Array.from({ length: RUSH_JOINERS }, (_, k) => join(rush, joiners[(r * RUSH_JOINERS + k) % MEMBERS], teamId, `rush-${r}-${k}`)),
      )
      rushMs += performance.now() - start
    }
    const rushChecks = seatChecks(store.db, 'gb-rush')
    rows.push({
      metric: `group-buy joins attempted per second, ${RUSH_JOINERS} joiners per team of ${TEAM_SIZE} (service, SQLite)`,
      value: Math.round(rush.attempted / (rushMs / 1000)),
      unit: 'ops/s',
      section: SERVICE,
    })
    rows.push({
      metric: 'group-buy seats won per second in that rush (service, SQLite)',
      value: Math.round(rush.won / (rushMs / 1000)),
      unit: 'ops/s',
      section: SERVICE,
    })
    rows.push({
      metric: `group-buy seats won in ${RUSH_TEAMS} rushes (${RUSH_TEAMS * (TEAM_SIZE - 1)} free)`,
      value: rush.won,
      unit: 'count',
      expected: RUSH_TEAMS * (TEAM_SIZE - 1),
      section: CORRECTNESS,
    })
    rows.push(...correctness('after the rushes (service)', rushChecks, rush))

    // Low contention: 1 000 open teams, every free seat joined by 50 concurrent joiners in turn over the teams.
    const wideTeams: string[] = []
    for (let t = 0; t < WIDE_TEAMS; t += 1) wideTeams.push(await openPaidTeam('gb-wide', leaders[t % MEMBERS], `wide-open-${t}`))
    const wide = tally()
    const jobs = WIDE_TEAMS * (TEAM_SIZE - 1)
    let next = 0
    const wideStart = performance.now()
    await Promise.all(
      Array.from({ length: WIDE_CONCURRENCY }, async () => {
        for (let k = next++; k < jobs; k = next++) {
          const team = k % WIDE_TEAMS
          const seat = Math.floor(k / WIDE_TEAMS)
          await join(wide, joiners[(team * (TEAM_SIZE - 1) + seat) % MEMBERS], wideTeams[team], `wide-${k}-join`)
        }
      }),
    )
    const wideMs = performance.now() - wideStart
    wide.latencies.sort((a, b) => a - b)
    const wideChecks = seatChecks(store.db, 'gb-wide')
    rows.push({
      metric: `group-buy joins per second across ${WIDE_TEAMS} teams, ${WIDE_CONCURRENCY} concurrent (service, SQLite)`,
      value: Math.round(wide.attempted / (wideMs / 1000)),
      unit: 'ops/s',
      section: SERVICE,
    })
    rows.push({
      metric: 'group-buy join p50 across those teams (service)',
      value: percentile(wide.latencies, 0.5),
      unit: 'ms',
      section: SERVICE,
    })
    rows.push({
      metric: 'group-buy join p99 across those teams (service)',
      value: percentile(wide.latencies, 0.99),
      unit: 'ms',
      section: SERVICE,
    })
    rows.push({
      metric: `group-buy seats won across those teams (${jobs} free)`,
      value: wide.won,
      unit: 'count',
      expected: jobs,
      section: CORRECTNESS,
    })
    rows.push(...correctness('across those teams (service)', wideChecks, wide))
  } finally {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The same rush through the local host: sign-in tokens for bench members, one fetch per join. */
async function hostJoins(rows: Row[]): Promise<void> {
  const shop = await startShopProcess()
  try {
    const now = Date.now()
    const shopStore = new SqliteStore(shop.dbPath)
    await seedShop(shopStore, [campaign('gb-http', now, TEAM_SIZE)], now)
    await shopStore.close()
    const sessions = new SessionKeys(`${shop.dbPath}.secret`)
    const tokens = new Map([...leaders, ...joiners].map((id) => [id, sessions.issue(id)]))
    const send = async (route: string, body: unknown, headers: Record<string, string>): Promise<ApiResult<unknown>> => {
      const res = await fetch(new URL(route, shop.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
      return (await res.json()) as ApiResult<unknown>
    }
    /**
     * Opening and joining are safe to send again (the request id answers the first seat and order),
     * so a pooled connection the host closed as idle just as it was reused is retried, as a client would.
     */
    const teamOrder = async (body: unknown, memberId: string): Promise<ApiResult<unknown>> => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await send('/api/groupbuy', body, { authorization: `Bearer ${tokens.get(memberId)}` })
        } catch (error) {
          if (attempt === 3) throw error
        }
      }
    }

    const rush = tally()
    let rushMs = 0
    for (let r = 0; r < HTTP_RUSH_TEAMS; r += 1) {
      const opened = await teamOrder(
        { action: 'open', data: { campaignId: 'gb-http', skuId: SKU, requestId: `http-open-${r}`, address, expectedPayable: TEAM_PRICE } },
        leaders[r],
      )
      if (!opened.ok) throw new Error(`${opened.code}: ${opened.message}`)
      const { team, order } = opened.data as { team: TeamView; order: OrderView }
      // A payment is not safe to send twice: it goes on a connection of its own.
      const paid = await send('/dev/pay', { orderId: order.id }, { connection: 'close' })
      if (!paid.ok || (paid.data as { outcome: string }).outcome !== 'paid') throw new Error('leader payment failed')
      const start = performance.now()
      await Promise.all(
        Array.from({ length: RUSH_JOINERS }, async (_, k) => {
          const sent = performance.now()
          const data = { teamId: team.id, skuId: SKU, requestId: `http-${r}-${k}-join`, address, expectedPayable: TEAM_PRICE }
          const answer = await teamOrder({ action: 'join', data }, joiners[(r * RUSH_JOINERS + k) % MEMBERS])
          count(rush, answer, performance.now() - sent)
        }),
      )
      rushMs += performance.now() - start
    }
    rush.latencies.sort((a, b) => a - b)
    const db = new Database(shop.dbPath, { readonly: true })
    const checks = seatChecks(db, 'gb-http')
    db.close()
    const local = { section: 'Local host throughput', group: `groupbuy.join (${RUSH_JOINERS} joiners per team of ${TEAM_SIZE})` } as const
    rows.push({
      metric: `group-buy joins attempted per second, ${RUSH_JOINERS} joiners per team of ${TEAM_SIZE} (local host)`,
      value: Math.round(rush.attempted / (rushMs / 1000)),
      unit: 'ops/s',
      ...local,
    })
    rows.push({
      metric: 'group-buy seats won per second in that rush (local host)',
      value: Math.round(rush.won / (rushMs / 1000)),
      unit: 'ops/s',
      section: local.section,
    })
    rows.push({ metric: 'group-buy join p50 (local host)', value: percentile(rush.latencies, 0.5), unit: 'ms', ...local })
    rows.push({ metric: 'group-buy join p99 (local host)', value: percentile(rush.latencies, 0.99), unit: 'ms', ...local })
    rows.push({ metric: 'group-buy join failures (local host)', value: rush.failed, unit: 'count', ...local })
    rows.push({
      metric: `group-buy seats won in ${HTTP_RUSH_TEAMS} rushes (local host, ${HTTP_RUSH_TEAMS * (TEAM_SIZE - 1)} free)`,
      value: rush.won,
      unit: 'count',
      expected: HTTP_RUSH_TEAMS * (TEAM_SIZE - 1),
      section: CORRECTNESS,
    })
    rows.push(...correctness('after the rushes (local host)', checks, rush))
  } finally {
    await shop.stop()
  }
}

/** A paid team order of one unit, as `teamOrder` places it and the payment callback leaves it. */
function paidTeamOrder(
  id: string,
  memberId: string,
  team: { campaignId: string; teamId: string },
  createdAt: number,
  paidAt: number,
): Order {
  return {
    id,
    memberId,
    status: 'paid',
    lines: [
      {
        id: `${id}-1`,
        lineNo: 1,
        productId: 'gb-bench',
        skuId: SKU,
        title: '压测拼团茶',
        specs: { 规格: '50g' },
        image: '/media/products/gb-bench-1.jpg',
        unitPrice: PRICE,
        memberUnitPrice: TEAM_PRICE,
        quantity: 1,
        goodsAmount: PRICE,
        memberDiscount: PRICE - TEAM_PRICE,
        couponDeduction: 0,
        pointsDeduction: 0,
        paidAmount: TEAM_PRICE,
        refundedAmount: 0,
        status: 'normal',
        distributorId: null,
      },
    ],
    goodsAmount: PRICE,
    memberDiscount: PRICE - TEAM_PRICE,
    couponId: null,
    couponDiscount: 0,
    pointsUsed: 0,
    pointsDeduction: 0,
    shipping: 0,
    payable: TEAM_PRICE,
    refundedAmount: 0,
    address,
    remark: '',
    createdAt,
    payDeadline: createdAt + DEFAULT_ORDER_TIMINGS.payWindowMs,
    paidAt,
    shippedAt: null,
    receivedAt: null,
    completedAt: null,
    cancelledAt: null,
    closedAt: null,
    cancelReason: null,
    transactionId: `4200${id.slice(1)}`,
    shipment: null,
    team,
  }
}

/**
 * `teams` teams of 3 on a fresh shop whose time ran out a day before `now`, with 2 paid seats each
 * (leader and one joiner), written directly as `updateTeam` and the order flow leave them (setup,
 * never measured).
 */
export async function seedExpiredTeams(store: SqliteStore, teams: number, now: number): Promise<void> {
  const campaignId = EXPIRY_CAMPAIGN
  await putTeaCategory(store)
  await store.putProduct(product(now))
  await store.putGroupBuy(campaign(campaignId, now, 3))
  // Versions: a team is written when opened, paid by its leader, joined and paid by the joiner (4);
  // an order when placed and paid (2).
  const insertTeam = store.db.prepare(
    "INSERT INTO teams (id, campaign_id, status, places, opened_at, expires_at, awaiting_refund, version, doc) VALUES (?, ?, 'forming', ?, ?, ?, 0, 4, ?)",
  )
  const insertSeat = store.db.prepare(
    'INSERT INTO team_seats (team_id, order_id, campaign_id, member_id, status, held_until, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const insertOrder = store.db.prepare(
    `INSERT INTO orders (id, member_id, status, payable, refunded_amount, created_at, pay_deadline, shipped_at, received_at, after_sale, version, doc)
     VALUES (?, ?, 'paid', ?, 0, ?, ?, NULL, NULL, 0, 2, ?)`,
  )
  const insertPayment = store.db.prepare(
    "INSERT INTO payments (transaction_id, order_id, amount, at, outcome) VALUES (?, ?, ?, ?, 'applied')",
  )
  const seedTeams = store.db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      // Opened over the hour before two days ago; each leader paid a minute later, so every team ran out a day ago.
      const openedAt = now - 2 * DAY - HOUR + Math.floor((i * HOUR) / teams)
      const leaderId = `el${i}`
      const leaderOrderId = orderIdFor(leaderId, `expiry-open-${i}`)
      const teamId = teamIdFor(leaderOrderId)
      const joinerId = `ej${i}`
      const joinerOrderId = orderIdFor(joinerId, `expiry-join-${i}`)
      const joinedAt = openedAt + 10 * MINUTE
      const seats: Seat[] = [
        {
          memberId: leaderId,
          orderId: leaderOrderId,
          skuId: SKU,
          status: 'paid',
          heldUntil: openedAt + DEFAULT_ORDER_TIMINGS.payWindowMs,
          joinedAt: openedAt,
          paidAt: openedAt + MINUTE,
        },
        {
          memberId: joinerId,
          orderId: joinerOrderId,
          skuId: SKU,
          status: 'paid',
          heldUntil: joinedAt + DEFAULT_ORDER_TIMINGS.payWindowMs,
          joinedAt,
          paidAt: joinedAt + MINUTE,
        },
      ]
      const team: Team = {
        id: teamId,
        campaignId,
        productId: 'gb-bench',
        leaderId,
        size: 3,
        status: 'forming',
        seats,
        openedAt,
        expiresAt: openedAt + MINUTE + DAY,
        succeededAt: null,
        failedAt: null,
      }
      insertTeam.run(team.id, campaignId, seats.length, openedAt, team.expiresAt, JSON.stringify(team))
      for (const seat of seats) {
        insertSeat.run(team.id, seat.orderId, campaignId, seat.memberId, seat.status, seat.heldUntil, openedAt)
        const order = paidTeamOrder(seat.orderId, seat.memberId, { campaignId, teamId }, seat.joinedAt, seat.paidAt!)
        insertOrder.run(order.id, order.memberId, order.payable, order.createdAt, order.payDeadline, JSON.stringify(order))
        insertPayment.run(order.transactionId, order.id, order.payable, order.paidAt)
      }
    }
  })
  for (let from = 0; from < teams; from += 100_000) seedTeams(from, Math.min(teams, from + 100_000))
  // A forming team holds all its seats of the campaign (its size), whatever it has filled.
  store.db.prepare('INSERT INTO groupbuy_seats_taken (campaign_id, taken) VALUES (?, ?)').run(campaignId, 3 * teams)
}

const EXPIRY_CAMPAIGN = 'gb-expiry'

/**
 * The group-buy timer over `teams` teams of 3 whose time ran out with 2 paid seats each, in a process
 * of its own: every team fails, and both paid seats of each are refunded through the local pay
 * provider (which answers at once).
 */
export async function groupBuyExpiryBench(teams: number): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-groupbuy-'))
  const file = path.join(dir, 'bench.db')
  const rows: Row[] = []
  try {
    const now = Date.parse('2026-11-20T04:00:00Z')
    const seeding = new SqliteStore(file)
    await seedExpiredTeams(seeding, teams, now)
    await seeding.close()
    const job = batchJobInOwnProcess<{ failed: number; refunded: number }>('group-buy expiry', file, now)
    const store = new SqliteStore(file)
    const after = store.db
      .prepare(
        `SELECT
           (SELECT COUNT(*) FROM orders o
              LEFT JOIN (SELECT order_id, COUNT(*) AS n, SUM(status = 'refunded') AS done FROM refunds GROUP BY order_id) r ON r.order_id = o.id
              WHERE COALESCE(r.n, 0) <> 1 OR r.done <> 1) AS notOnce,
           (SELECT taken FROM groupbuy_seats_taken WHERE campaign_id = ?) AS taken`,
      )
      .get(EXPIRY_CAMPAIGN) as { notOnce: number; taken: number }
    await store.close()
    const expiry = { section: 'Batch jobs', group: 'group-buy expiry' } as const
    rows.push(...batchJobRows('group-buy expiry', job, { over: teams, what: 'teams', target: 'groupBuyExpiry', rate: 'teams/s' }))
    rows.push({ metric: 'group-buy expiry job teams failed', value: job.result.failed, unit: 'count', expected: teams, ...expiry })
    rows.push({ metric: 'group-buy expiry job seats refunded', value: job.result.refunded, unit: 'count', expected: 2 * teams, ...expiry })
    // Both must be 0: every paid seat's order has exactly one refund, completed, and every seat went back.
    rows.push({ metric: 'group-buy expiry orders not refunded exactly once', value: after.notOnce, unit: 'count', expected: 0, ...expiry })
    rows.push({ metric: 'group-buy expiry seats still taken', value: after.taken, unit: 'count', expected: 0, ...expiry })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

/**
 * Group-buy joins under contention (50 joiners for each team of 10) and spread over 1 000 teams,
 * through the service and the local host, and the expiry job over `scale / 10` failed teams.
 */
export async function groupBuyBench(scale: number): Promise<Row[]> {
  const rows: Row[] = []
  await serviceJoins(rows)
  await hostJoins(rows)
  rows.push(...(await groupBuyExpiryBench(Math.ceil(scale / 10))))
  return rows
}
