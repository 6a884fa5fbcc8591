import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ApiResult } from '../../types/errors'
import type { Order, Refund, Team } from '../../types/domain'
import { runGroupBuys } from '../../cloudfunctions/src/app/groupbuy-outcomes'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import type { JobOutcome } from '../../cloudfunctions/src/app/job-runs'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { PAY_CALLBACK_SOURCE, onPaymentCallback } from '../../cloudfunctions/src/functions/pay-callbacks'
import { HTTP_STATUS, dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { SessionKeys } from '../../cloudfunctions/src/local/sessions'
import { startLocalShop } from '../../cloudfunctions/src/local/shop'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import type { Store } from '../../cloudfunctions/src/store/port'
import { CloudbaseDatabaseDouble } from '../doubles/cloudbase-database.double'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, seededRandom, smallShop, sku } from '../support/fixtures'
import { successNotice } from '../support/pay-notices'
import { campaignSeatsOf } from '../support/invariants'
import { saveMember } from '../../cloudfunctions/src/app/members'

const HOUR = 3_600_000
const TEAM_SIZE = 3
const address = { name: '王五', phone: '13700000000', region: '广东省 深圳市', detail: '深南大道 1 号' }
const ALL_STATES = ['opening', 'forming', 'succeeded', 'failed', 'cancelled'] as const
const EXPIRY = JOBS.find((job) => job.name === 'groupbuyExpiry')!

/** A three-person campaign with far more seats and units than any race here can take. */
const raceCampaign = (id: string, productId: string, skuId: string, teamPrice: number, now: number) => ({
  id,
  title: '三人拼团',
  productId,
  skus: [{ skuId, teamPrice }],
  teamSize: TEAM_SIZE,
  timeLimitMs: 24 * HOUR,
  stock: 5_000,
  perMemberLimit: 100,
  startAt: now - HOUR,
  endAt: now + 30 * 24 * HOUR,
  enabled: true,
  sort: 0,
})

/** Members with share codes of their own (the code is unique per member). */
const SHARE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const people = (prefix: string, count: number, now: number) =>
  Array.from({ length: count }, (_, i) => {
    const code = `${SHARE_ALPHABET[Math.floor(i / 32) % 32]}${SHARE_ALPHABET[i % 32]}`
    return member(`${prefix}${String(i).padStart(3, '0')}`, 1, {
      shareCode: `GB${prefix.toUpperCase().replace(/[^A-Z]/g, '')}${code}`,
      createdAt: now,
    })
  })

/** Joins spread over the teams at random; a team's k-th joiner is the k-th pool member from the team's own offset, so no one joins one team twice. */
function spreadJoins(joins: number, teams: number, pool: readonly string[], seed: number): { team: number; joiner: string }[] {
  const random = seededRandom(seed)
  const perTeam = new Array<number>(teams).fill(0)
  return Array.from({ length: joins }, () => {
    const team = Math.floor(random() * teams)
    const k = perTeam[team]++
    if (k >= pool.length) throw new Error('the joiner pool is smaller than one team’s joins')
    return { team, joiner: pool[(team * 7 + k) % pool.length] }
  })
}

const heldOrPaid = (team: Team) => team.seats.filter((s) => s.status === 'held' || s.status === 'paid').length
const byId = <T>(teams: Team[], value: (t: Team) => T) => Object.fromEntries(teams.map((t) => [t.id, value(t)]))

async function teamsOf(store: Store, campaignId: string): Promise<Team[]> {
  return (await store.listTeams({ campaignId, statuses: ALL_STATES, offset: 0, limit: 1000 })).items
}

/** Every order of the campaign the given members placed (demo people also have ordinary orders). */
async function campaignOrders(store: Store, campaignId: string, memberIds: readonly string[]): Promise<Order[]> {
  const slices = await Promise.all(memberIds.map((memberId) => store.listOrders({ memberId, offset: 0, limit: 500 })))
  return slices.flatMap((s) => s.items).filter((o) => o.team?.campaignId === campaignId)
}

interface Answer {
  status: number
  body: ApiResult<unknown>
}

/** How a race reaches the shop: over HTTP to the local host, or in process to the function handlers. */
interface ShopDriver {
  store: Store
  groupbuy(memberId: string, action: 'open' | 'join', data: Record<string, unknown>): Promise<Answer>
  pay(orderId: string): Promise<string | undefined>
  /** Pays and delivers the payment's notice a second time; the outcomes of both deliveries, sorted. */
  payNotifiedTwice(orderId: string): Promise<(string | undefined)[]>
  runExpiry(): Promise<{ failed: number; refunded: number }>
  advance(ms: number): Promise<void>
}

const data = <T>(answer: Answer) => (answer.body as { data: T }).data

/**
 * The seat race and what must hold after it: leaders open and pay their teams, joins race for the
 * teams' free seats, every seated join is paid (with its notice delivered again), and the expiry job
 * runs before and after the teams' time is up.
 */
async function seatRace(
  shop: ShopDriver,
  race: { campaignId: string; skuId: string; teamPrice: number; leaders: string[]; joiners: string[]; joins: number; seed: number },
) {
  const { store } = shop
  const { campaignId, skuId } = race
  const stock = async () => (await store.findSkus([skuId]))[0].stock
  const stockBefore = await stock()
  const request = { skuId, address, expectedPayable: race.teamPrice }

  const opened = await Promise.all(
    race.leaders.map((leader, i) => shop.groupbuy(leader, 'open', { ...request, campaignId, requestId: `race-open-${i}` })),
  )
  expect(opened.map((a) => a.status)).toEqual(race.leaders.map(() => 200))
  const teamIds = opened.map((a) => data<{ team: { id: string } }>(a).team.id)
  const leaderOrders = opened.map((a) => data<{ order: { id: string } }>(a).order.id)
  expect(await Promise.all(leaderOrders.map((id) => shop.pay(id)))).toEqual(leaderOrders.map(() => 'paid'))
  expect(byId(await teamsOf(store, campaignId), (t) => t.status)).toEqual(Object.fromEntries(teamIds.map((id) => [id, 'forming'])))

  // The race: every join at once, at random teams.
  const joins = spreadJoins(race.joins, teamIds.length, race.joiners, race.seed)
  const answers = await Promise.all(
    joins.map((j, i) => shop.groupbuy(j.joiner, 'join', { ...request, teamId: teamIds[j.team], requestId: `race-join-${i}` })),
  )
  expect(answers.filter((a) => a.status !== 200 && !(a.status === 409 && !a.body.ok && a.body.code === 'TEAM_FULL'))).toEqual([])
  const refusals = answers.flatMap((a) => (a.body.ok ? [] : [a.body.message]))
  expect(new Set(refusals)).toEqual(new Set(['这个团已满员，可以自己开团或参加其他团']))

  const joinsPerTeam = teamIds.map((_, t) => joins.filter((j) => j.team === t).length)
  const seated = joinsPerTeam.map((n) => Math.min(TEAM_SIZE - 1, n))
  const seatedTotal = seated.reduce((a, b) => a + b, 0)
  const winners = answers.flatMap((a, i) =>
    a.status === 200 ? [{ team: joins[i].team, orderId: data<{ order: { id: string } }>(a).order.id }] : [],
  )
  expect(teamIds.map((_, t) => winners.filter((w) => w.team === t).length)).toEqual(seated)
  expect(refusals).toHaveLength(race.joins - seatedTotal)

  const placesAre = async () => {
    const teams = await teamsOf(store, campaignId)
    expect(teams.filter((t) => heldOrPaid(t) > TEAM_SIZE)).toEqual([])
    expect(byId(teams, heldOrPaid)).toEqual(Object.fromEntries(teamIds.map((id, t) => [id, 1 + seated[t]])))
    expect(await store.seatsTaken(campaignId)).toBe(teams.reduce((sum, t) => sum + campaignSeatsOf(t), 0))
    return teams
  }
  await placesAre()
  const placed = race.leaders.length + seatedTotal
  expect(await stock()).toBe(stockBefore - placed)
  const members = [...new Set([...race.leaders, ...race.joiners])]
  expect(await campaignOrders(store, campaignId, members)).toHaveLength(placed)

  // Every seated join pays at once, and each payment's notice comes twice.
  const outcomes = await Promise.all(winners.map((w) => shop.payNotifiedTwice(w.orderId)))
  expect(outcomes).toEqual(winners.map(() => ['duplicate', 'paid']))
  const teams = await placesAre()
  expect(byId(teams, (t) => t.status)).toEqual(
    Object.fromEntries(teamIds.map((id, t) => [id, seated[t] === TEAM_SIZE - 1 ? 'succeeded' : 'forming'])),
  )
  const orders = await campaignOrders(store, campaignId, members)
  expect(orders).toHaveLength(placed)
  // No delivery of a notice was taken for a second payment: nothing is refunded.
  expect((await Promise.all(orders.map((o) => store.listRefunds(o.id)))).flat()).toEqual([])
  const paidOrdersOf = (teamId: string) =>
    orders
      .filter((o) => o.status === 'paid' && o.team!.teamId === teamId)
      .map((o) => o.id)
      .sort()
  for (const team of teams) {
    expect(paidOrdersOf(team.id)).toEqual(
      team.seats
        .filter((s) => s.status === 'paid')
        .map((s) => s.orderId)
        .sort(),
    )
    if (team.status === 'succeeded') expect(paidOrdersOf(team.id)).toHaveLength(TEAM_SIZE)
  }
  expect(await stock()).toBe(stockBefore - placed)

  // Before time runs out the job has nothing to do.
  expect(await shop.runExpiry()).toMatchObject({ failed: 0, refunded: 0 })
  expect(await teamsOf(store, campaignId)).toEqual(teams)

  // Time runs out: every team still forming fails and each of its paid members is refunded once
  // (the job counts the teams of other campaigns, which run out too, alongside).
  const elsewhere = (await store.teamsDue(Number.MAX_SAFE_INTEGER, 1000)).filter((t) => t.campaignId !== campaignId)
  const paidSeats = (ts: Team[]) => ts.flatMap((t) => t.seats.filter((s) => s.status === 'paid').map((s) => s.orderId))
  await shop.advance(24 * HOUR + 60_000)
  const unfinished = teams.filter((t) => t.status === 'forming')
  const toRefund = paidSeats(unfinished)
  expect(await shop.runExpiry()).toMatchObject({
    failed: unfinished.length + elsewhere.length,
    refunded: toRefund.length + paidSeats(elsewhere).length,
  })
  expect(byId(await teamsOf(store, campaignId), (t) => t.status)).toEqual(
    byId(teams, (t) => (t.status === 'forming' ? 'failed' : t.status)),
  )
  expect(await shop.runExpiry()).toMatchObject({ failed: 0, refunded: 0 })
  const refunds = await Promise.all(toRefund.map((orderId) => store.listRefunds(orderId)))
  expect(refunds.map((r) => r.map((x) => x.status))).toEqual(toRefund.map(() => ['refunded']))
  const refundedOrders = await Promise.all(toRefund.map(async (id) => (await store.findOrder(id))!.order))
  expect(refundedOrders.map((o) => [o.status, o.refundedAmount])).toEqual(refundedOrders.map(() => ['closed', race.teamPrice]))
  const succeeded = teams.length - unfinished.length
  expect(await store.seatsTaken(campaignId)).toBe(TEAM_SIZE * succeeded)
  expect(await stock()).toBe(stockBefore - TEAM_SIZE * succeeded)
  return { teams: teams.length, succeeded, joins: race.joins, seated: seatedTotal, refunded: toRefund.length }
}

describe('the group-buy seat race through the local host', () => {
  let shop: Awaited<ReturnType<typeof startLocalShop>>
  let dir: string
  const tokens = new Map<string, string>()

  async function post(route: string, body: unknown, token?: string): Promise<Answer> {
    const res = await fetch(new URL(route, shop.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as ApiResult<unknown> }
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-team-race-'))
    const dbPath = path.join(dir, 'siyu.db')
    shop = await startLocalShop({ dbPath, port: 0, appDir: null, runJobs: false })
    for (const as of ['consumer-v1', 'consumer-v4', 'koc', 'operator'])
      tokens.set(as, data<{ token: string }>(await post('/dev/login', { as })).token)
    // Dev sign-in offers the demo people only; the race's other members get tokens signed with the
    // host's own key (kept beside its database), so the host checks them as it checks any sign-in.
    const keys = new SessionKeys(`${dbPath}.secret`)
    for (const m of [...people('lead', 96, shop.clock.now()), ...people('join', 40, shop.clock.now())]) {
      await saveMember(shop.store, m)
      tokens.set(m.id, keys.issue(m.id))
    }
    // A SKU of its own: the demo shop's group-buys sell other ones.
    const product = (await shop.store.findProduct('p05'))!
    await shop.store.putProduct({ ...product, skus: product.skus.map((s) => (s.id === 'p05-s1' ? { ...s, stock: 2_000 } : s)) })
    await shop.store.putGroupBuy(raceCampaign('gb-race', 'p05', 'p05-s1', 4_900, shop.clock.now()))
  }, 30_000)
  afterAll(async () => {
    await shop.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('of 300 concurrent joins into 100 teams of 3, exactly the free seats are taken, paid once and refunded once when time runs out', async () => {
    const driver: ShopDriver = {
      store: shop.store,
      groupbuy: (memberId, action, body) => post('/api/groupbuy', { action, data: body }, tokens.get(memberId)),
      pay: async (orderId) => data<{ outcome?: string }>(await post('/dev/pay', { orderId })).outcome,
      // The local host redelivers a payment's last notice on request, so the repeat follows the payment.
      payNotifiedTwice: async (orderId) => {
        const first = data<{ outcome?: string }>(await post('/dev/pay', { orderId })).outcome
        const again = data<{ outcome?: string }>(await post('/dev/pay', { orderId, duplicate: true })).outcome
        return [first, again].sort()
      },
      runExpiry: async () => data<{ result: { failed: number; refunded: number } }>(await post('/dev/jobs/groupbuyExpiry', {})).result,
      advance: async (advanceMs) => {
        await post('/dev/clock', { advanceMs })
      },
    }
    const leaders = ['consumer-v1', 'consumer-v4', 'koc', 'operator', ...people('lead', 96, 0).map((m) => m.id)]
    const outcome = await seatRace(driver, {
      campaignId: 'gb-race',
      skuId: 'p05-s1',
      teamPrice: 4_900,
      leaders,
      joiners: people('join', 40, 0).map((m) => m.id),
      joins: 300,
      seed: 20_261_120,
    })
    // The spread leaves some teams short and many joins refused, so both sides of the race ran.
    expect(outcome.succeeded).toBeGreaterThan(50)
    expect(outcome.succeeded).toBeLessThan(100)
    expect(outcome.joins - outcome.seated).toBeGreaterThan(50)
  }, 30_000)
})

describe('the group-buy seat race over the CloudBase adapter (documented-semantics double)', () => {
  it('of 60 concurrent joins into 10 teams of 3, exactly the free seats are taken, paid once and refunded once when time runs out', async () => {
    const store = new CloudbaseStore(new CloudbaseDatabaseDouble())
    const clock = new SteppedClock(T0)
    const pay = new LocalPayProvider(store, clock)
    await smallShop(store)
    const leaders = people('lead', 10, T0)
    const joiners = people('join', 30, T0)
    for (const m of [...leaders, ...joiners]) await saveMember(store, m)
    const p1 = (await store.findProduct('p1'))!
    await store.putProduct({ ...p1, skus: [sku('p1', 1, 12_800, 500, { 规格: '50g' }), ...p1.skus.slice(1)] })
    await store.putGroupBuy(raceCampaign('gb-race', 'p1', 'p1-s1', 9_900, T0))
    const driver: ShopDriver = {
      store,
      groupbuy: async (memberId, action, body) => {
        const result = await dispatch(FUNCTIONS.groupbuy, { action, data: body }, { store, pay, now: clock.now(), memberId })
        return { status: result.ok ? 200 : HTTP_STATUS[result.code], body: result }
      },
      pay: async (orderId) => (await pay.pay(orderId, false))?.outcome,
      // In process, both deliveries of one notice race each other, as WeChat Pay's retries may.
      payNotifiedTwice: async (orderId) => {
        const notice = await successNotice(store, orderId)
        const deliveries = await Promise.all([0, 1].map(() => onPaymentCallback(store, pay, notice, PAY_CALLBACK_SOURCE, clock.now())))
        return deliveries.map((d) => d.outcome).sort()
      },
      runExpiry: async () => (await EXPIRY.run(store, clock.now(), pay)) as JobOutcome & { failed: number; refunded: number },
      advance: async (ms) => {
        clock.advance(ms)
      },
    }
    const outcome = await seatRace(driver, {
      campaignId: 'gb-race',
      skuId: 'p1-s1',
      teamPrice: 9_900,
      leaders: leaders.map((m) => m.id),
      joiners: joiners.map((m) => m.id),
      joins: 60,
      seed: 7,
    })
    expect(outcome.joins - outcome.seated).toBeGreaterThan(20)
  }, 30_000)
})

/**
 * TEST DOUBLE of the pay provider: the local provider, except that the job's process "dies" at the
 * refund after the first `refundsBeforeCrash` — before the refund is sent, or just after the provider
 * took it (the worst moment: money sent, the seat not yet marked).
 */
class CrashingRefundPayProviderDouble extends LocalPayProvider {
  private refunds = 0

  constructor(
    store: Store,
    clock: SteppedClock,
    private readonly refundsBeforeCrash: number,
    private readonly crash: 'before sending' | 'after sending',
  ) {
    super(store, clock)
  }

  override async refund(refund: Refund): Promise<void> {
    this.refunds += 1
    if (this.refunds <= this.refundsBeforeCrash) return super.refund(refund)
    if (this.crash === 'after sending') await super.refund(refund)
    throw new Error(`crashed at refund ${this.refunds}`)
  }
}

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`group-buy expiry refunds each paid member exactly once, over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    let pay: LocalPayProvider
    const stock = async () => (await store.findSkus(['p1-s1']))[0].stock

    /** `count` teams of 3 in the campaign, each with its leader and one friend paid (leaders opt in to the result message). */
    async function teamsThatWillFail(campaignId: string, count: number, from = 0): Promise<{ teamIds: string[]; orderIds: string[] }> {
      const call = (memberId: string, action: string, body: Record<string, unknown>) =>
        dispatch(FUNCTIONS.groupbuy, { action, data: body }, { store, pay, now: clock.now(), memberId })
      const request = { skuId: 'p1-s1', address, expectedPayable: 9_900 }
      const teamIds: string[] = []
      const orderIds: string[] = []
      for (let i = from; i < from + count; i += 1) {
        const opened = await call(`lead${String(i).padStart(3, '0')}`, 'open', {
          ...request,
          campaignId,
          requestId: `expiry-open-${i}`,
          subscribe: true,
        })
        if (!opened.ok) throw new Error(opened.message)
        const { team, order } = opened.data as { team: { id: string }; order: { id: string } }
        await pay.pay(order.id, false)
        const joined = await call(`join${String(i).padStart(3, '0')}`, 'join', {
          ...request,
          teamId: team.id,
          requestId: `expiry-join-${i}`,
        })
        if (!joined.ok) throw new Error(joined.message)
        const friend = (joined.data as { order: { id: string } }).order.id
        await pay.pay(friend, false)
        teamIds.push(team.id)
        orderIds.push(order.id, friend)
      }
      return { teamIds, orderIds }
    }

    /** Everything a refund touches, to prove that a rerun changes none of it. */
    const snapshot = async (campaignId: string, orderIds: readonly string[]) => ({
      teams: await teamsOf(store, campaignId),
      orders: await Promise.all(orderIds.map(async (id) => (await store.findOrder(id))!.order)),
      refunds: await Promise.all(orderIds.map((id) => store.listRefunds(id))),
      seatsTaken: await store.seatsTaken(campaignId),
      stock: await stock(),
      messages: await store.listMessages(0, 100),
    })

    async function refundedOnce(orderIds: readonly string[]) {
      const refunds = await Promise.all(orderIds.map((id) => store.listRefunds(id)))
      expect(refunds.map((r) => r.map((x) => [x.status, x.amount]))).toEqual(orderIds.map(() => [['refunded', 9_900]]))
      const orders = await Promise.all(orderIds.map(async (id) => (await store.findOrder(id))!.order))
      expect(orders.map((o) => [o.status, o.refundedAmount])).toEqual(orders.map((o) => ['closed', o.payable]))
    }

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      for (const m of [...people('lead', 8, T0), ...people('join', 8, T0)]) await saveMember(store, m)
      await store.putGroupBuy(raceCampaign('gb1', 'p1', 'p1-s1', 9_900, T0))
      await store.putGroupBuy(raceCampaign('gb2', 'p1', 'p1-s1', 9_900, T0))
    })

    it('finishes what a crashed run left, after a crash before and after sending a refund, and a further run changes nothing', async () => {
      const stockBefore = await stock()
      const { teamIds, orderIds } = await teamsThatWillFail('gb1', 6)
      // Half a day on, a team of the other campaign fills (it is left alone), and the job reads the
      // payments: the payment events of the teams that will fail are behind it when they fail, so
      // only the job's own refund pass can finish what a crash left.
      clock.advance(12 * HOUR)
      const full = await teamsThatWillFail('gb2', 1, 6)
      const third = await dispatch(
        FUNCTIONS.groupbuy,
        { action: 'join', data: { skuId: 'p1-s1', address, expectedPayable: 9_900, teamId: full.teamIds[0], requestId: 'expiry-third-1' } },
        { store, pay, now: clock.now(), memberId: 'join007' },
      )
      if (!third.ok) throw new Error(third.message)
      await pay.pay((third.data as { order: { id: string } }).order.id, false)
      expect((await store.findTeam(full.teamIds[0]))!.status).toBe('succeeded')
      expect(await stock()).toBe(stockBefore - orderIds.length - 3)
      expect(await runGroupBuys(store, pay, clock.now())).toMatchObject({ failed: 0, refunded: 0 })

      clock.advance(12 * HOUR)
      await expect(
        runGroupBuys(store, new CrashingRefundPayProviderDouble(store, clock, 3, 'before sending'), clock.now()),
      ).rejects.toThrow('crashed at refund 4')
      // The crash left three refunds done and those it created but never sent: one where the timer
      // refunds team by team, every paid seat of the slice where it refunds a slice of teams at once.
      const midway = (await Promise.all(orderIds.map((id) => store.listRefunds(id)))).flat()
      const created = store.refundTeamsSlice ? orderIds.length : 4
      expect(midway.map((r) => r.status).sort()).toEqual([
        ...['refunded', 'refunded', 'refunded'],
        ...Array.from({ length: created - 3 }, () => 'refunding'),
      ])
      expect(byId(await teamsOf(store, 'gb1'), (t) => t.status)).toEqual(Object.fromEntries(teamIds.map((id) => [id, 'failed'])))

      await expect(runGroupBuys(store, new CrashingRefundPayProviderDouble(store, clock, 2, 'after sending'), clock.now())).rejects.toThrow(
        'crashed at refund 3',
      )
      expect((await runGroupBuys(store, pay, clock.now())).failed).toBe(0)

      await refundedOnce(orderIds)
      const teams = await teamsOf(store, 'gb1')
      expect(teams.map((t) => [t.status, t.seats.map((s) => s.status)])).toEqual(teamIds.map(() => ['failed', ['refunded', 'refunded']]))
      expect(await store.teamsAwaitingRefund(10)).toEqual([])
      expect(await store.seatsTaken('gb1')).toBe(0)
      expect(await stock()).toBe(stockBefore - 3)
      // The filled team keeps its three paid orders and its seats.
      expect(await store.seatsTaken('gb2')).toBe(3)
      const kept = (await store.findTeam(full.teamIds[0]))!.seats.map((s) => s.orderId)
      expect(
        (
          await Promise.all(kept.map(async (id) => [(await store.findOrder(id))!.order.status, (await store.listRefunds(id)).length]))
        ).flat(),
      ).toEqual(['paid', 0, 'paid', 0, 'paid', 0])
      // Each leader who opted in hears once how the team ended.
      const messages = (await store.listMessages(0, 100)).items
      expect(messages.map((m) => [m.memberId, m.data.result]).sort()).toEqual(
        [...teams.map((t) => [t.leaderId, '拼团失败']), ['lead006', '拼团成功']].sort(),
      )

      const settled = await snapshot('gb1', orderIds)
      expect(await runGroupBuys(store, pay, clock.now())).toMatchObject({ failed: 0, refunded: 0 })
      expect(await snapshot('gb1', orderIds)).toEqual(settled)
    })

    it('refunds each paid member once when two runs race over the same failed teams', async () => {
      const stockBefore = await stock()
      const { teamIds, orderIds } = await teamsThatWillFail('gb1', 5)
      clock.advance(24 * HOUR)
      const runs = await Promise.all([runGroupBuys(store, pay, clock.now()), runGroupBuys(store, pay, clock.now())])
      expect(runs[0].failed + runs[1].failed).toBe(teamIds.length)
      expect(runs[0].refunded + runs[1].refunded).toBe(orderIds.length)
      await refundedOnce(orderIds)
      expect(await store.seatsTaken('gb1')).toBe(0)
      expect(await stock()).toBe(stockBefore)
      expect((await store.listMessages(0, 100)).total).toBe(teamIds.length)
      const settled = await snapshot('gb1', orderIds)
      expect(await runGroupBuys(store, pay, clock.now())).toMatchObject({ failed: 0, refunded: 0 })
      expect(await snapshot('gb1', orderIds)).toEqual(settled)
    })
  })
}
