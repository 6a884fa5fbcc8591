/**
 * A sale on CloudBase, simulated through the real SDK against the emulator (a test double) in a
 * process of its own, as the database is another machine, with a latency on every write to a
 * document, so writes to one document queue as they do in the database: 10 000 buyers for 1 000 flash
 * units with the allotment in 1, 4 and 16 counter documents, and 2 000 joiners for the 200 free places
 * of 100 formed teams (300 campaign seats). Counted: oversold and lost units, buyers answered busy or
 * failed (retries exhausted, the SDK's time out), the writes queued on the busiest counter and on the
 * SKU's stock document (each queue, times the latency, is a floor under the time to sell out), and the
 * times to sell out and to answer every buyer. Past those floors the times also measure the buyers'
 * side of the simulation, which shares one process.
 */
import type { Team } from '../types/domain'
import { takeSeat } from '../cloudfunctions/src/core/groupbuy'
import { CloudbaseStore } from '../cloudfunctions/src/store/cloudbase/store'
import cloud from 'wx-server-sdk'
import type { CloudDatabase } from '../cloudfunctions/src/store/cloudbase/database'
import { EmulatorApart } from '../tests/doubles/cloudbase-emulator/apart'
import { T0 as ORDERED_AT, order, smallShop } from '../tests/support/fixtures'
import { PLACEMENT_LEASE_MS } from '../cloudfunctions/src/store/cloudbase/placements'
import type { Row } from './report'

const section = 'Hot documents (CloudBase emulator)' as const
/** Long enough that a queue on one document, not the simulation's own work, sets the pace. */
const WRITE_LATENCY_MS = 5
const BUYERS = 10_000
const FLASH_UNITS = 1_000
const TEAMS = 100
const TEAM_SIZE = 3
const JOINERS = 2_000
/** The shard counts compared side by side. */
const SHARDS = [1, 4, 16]
const T0 = Date.UTC(2026, 11, 1, 2)

/** A fresh environment of the emulator, reached through the real SDK. */
const environmentOf = (name: string) => cloud.database({ env: name }) as unknown as CloudDatabase

/** Runs `count` tasks with at most `width` in flight, as requests arriving at a function would. */
async function wave<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++
        results[i] = await task(i).then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        )
      }
    }),
  )
  return results
}

const busy = (outcomes: PromiseSettledResult<unknown>[]) =>
  outcomes.filter((o) => o.status === 'rejected' && /too many concurrent changes|conflict/i.test(String((o.reason as Error).message)))
    .length
const failed = (outcomes: PromiseSettledResult<unknown>[]) => outcomes.filter((o) => o.status === 'rejected').length

/** One sale of FLASH_UNITS to BUYERS with the allotment counted in `shards` documents. */
async function flashSale(database: EmulatorApart, shards: number): Promise<Row[]> {
  const environment = `bench-flash-${shards}`
  const db = environmentOf(environment)
  const store = new CloudbaseStore(db, { flashShards: shards })
  await smallShop(store)
  const product = (await store.findProduct('p1'))!
  await store.putProduct({ ...product, skus: product.skus.map((s) => (s.id === 'p1-s1' ? { ...s, stock: 5_000 } : s)) })
  const stockBefore = (await store.findSkus(['p1-s1']))[0].stock
  let soldOutAt = 0
  let placed = 0
  const started = performance.now()
  const outcomes = await wave(BUYERS, 500, async (i) => {
    const o = order(`flash-${i}`, { memberId: `buyer-${i}` }, [{ skuId: 'p1-s1', price: 9_900, quantity: 1 }])
    const result = await store.placeOrder({
      ...o,
      lines: o.lines.map((l) => ({ ...l, flash: { campaignId: 'flash', allotment: FLASH_UNITS } })),
    })
    if (result.placed && (placed += 1) === FLASH_UNITS) soldOutAt = performance.now()
    return result
  })
  const answeredAt = performance.now()
  const heldByCutPlacements = stockBefore - (await store.findSkus(['p1-s1']))[0].stock - placed
  // The order timer's next run, once every lease is over and every write a timed-out buyer left queued
  // has been applied: placements cut short give back what they took.
  await database.drained()
  const settled = await store.settlePlacements(ORDERED_AT + 2 * PLACEMENT_LEASE_MS, () => true)
  const stockAfter = (await store.findSkus(['p1-s1']))[0].stock
  const sold = await store.flashSold('flash')
  const counters = `${shards} ${shards === 1 ? 'counter' : 'shards'}`
  const group = `flash sale, ${counters}`
  return [
    {
      metric: `flash sale (${counters}): ${BUYERS} buyers for ${FLASH_UNITS} units, placed`,
      value: placed,
      unit: 'orders',
      expected: FLASH_UNITS,
      section,
      group,
    },
    {
      metric: `flash sale (${counters}): units oversold`,
      value: Math.max(0, sold - FLASH_UNITS, placed - FLASH_UNITS),
      unit: 'units',
      expected: 0,
      section,
      group,
    },
    {
      metric: `flash sale (${counters}): units held by placements cut short, before the order timer`,
      value: heldByCutPlacements,
      unit: 'units',
      section,
      group,
    },
    {
      metric: `flash sale (${counters}): placements the order timer gave back`,
      value: settled.returned,
      unit: 'placements',
      section,
      group,
    },
    {
      metric: `flash sale (${counters}): units lost (off the shelf, in no order, after the order timer)`,
      value: stockBefore - stockAfter - placed,
      unit: 'units',
      expected: 0,
      section,
      group,
    },
    {
      metric: `flash sale (${counters}): buyers answered busy or failed`,
      value: failed(outcomes),
      unit: 'buyers',
      expected: 0,
      section,
      group,
    },
    {
      metric: `flash sale (${counters}): writes queued on the busiest counter document`,
      value: Math.max(...(await database.writesTo(environment, 'flash_sold')).values()),
      unit: 'writes',
      section,
      group,
    },
    {
      metric: `flash sale (${counters}): writes queued on the SKU's stock document`,
      value: (await database.writesTo(environment, 'skus')).get('p1-s1') ?? 0,
      unit: 'writes',
      section,
      group,
    },
    // Units held by cut-short placements come back only at the order timer's next run, after the rush.
    ...(soldOutAt > 0
      ? [{ metric: `flash sale (${counters}): time to sell out`, value: Math.round(soldOutAt - started), unit: 'ms', section, group }]
      : []),
    { metric: `flash sale (${counters}): time to answer every buyer`, value: Math.round(answeredAt - started), unit: 'ms', section, group },
  ]
}

async function teamRush(): Promise<Row[]> {
  const db = environmentOf('bench-team-rush')
  const store = new CloudbaseStore(db)
  const seat = (memberId: string, status: 'held' | 'paid') => ({
    memberId,
    orderId: `o-${memberId}`,
    skuId: 'p1-s1',
    status,
    heldUntil: T0 + 15 * 60_000,
    joinedAt: T0,
    paidAt: status === 'paid' ? T0 : null,
  })
  const teamIds = Array.from({ length: TEAMS }, (_, t) => `team-${t}`)
  for (const id of teamIds) {
    const team: Team = {
      id,
      campaignId: 'gb-rush',
      productId: 'p1',
      leaderId: `lead-${id}`,
      size: TEAM_SIZE,
      status: 'forming',
      seats: [seat(`lead-${id}`, 'paid')],
      openedAt: T0,
      expiresAt: T0 + 24 * 3_600_000,
      succeededAt: null,
      failedAt: null,
    }
    await store.updateTeam(id, { campaignId: 'gb-rush', now: T0 }, () => ({ team, seatsDelta: TEAM_SIZE }))
  }
  let seated = 0
  let filledAt = 0
  const free = TEAMS * (TEAM_SIZE - 1)
  const started = performance.now()
  const outcomes = await wave(JOINERS, 500, async (i) => {
    const teamId = teamIds[i % TEAMS]
    const memberId = `joiner-${i}`
    const joined = await store
      .updateTeam(teamId, { campaignId: 'gb-rush', memberId, now: T0 + 1 }, (state) => {
        const step = takeSeat(state.team!, { memberId, orderId: `o-${memberId}`, skuId: 'p1-s1' }, T0 + 15 * 60_000, T0 + 1)
        if (typeof step === 'string') throw new Error(step)
        return step
      })
      .catch((error: unknown) => {
        if ((error as Error).message === 'TEAM_FULL') return null
        throw error
      })
    if (joined && (seated += 1) === free) filledAt = performance.now()
    return joined
  })
  let overfull = 0
  for (const id of teamIds) {
    const team = (await store.findTeam(id))!
    overfull += Math.max(0, team.seats.filter((s) => s.status === 'held' || s.status === 'paid').length - TEAM_SIZE)
  }
  const group = 'team rush'
  return [
    {
      metric: `flash sale, team rush: ${JOINERS} joiners for ${free} places in ${TEAMS} teams, seated`,
      value: seated,
      unit: 'seats',
      expected: free,
      section,
      group,
    },
    { metric: 'flash sale, team rush: seats over a team’s size', value: overfull, unit: 'seats', expected: 0, section, group },
    {
      metric: 'flash sale, team rush: campaign seats counted',
      value: await store.seatsTaken('gb-rush'),
      unit: 'seats',
      expected: TEAMS * TEAM_SIZE,
      section,
      group,
    },
    { metric: 'flash sale, team rush: joiners answered busy', value: busy(outcomes), unit: 'joiners', expected: 0, section, group },
    { metric: 'flash sale, team rush: time to fill every team', value: Math.round(filledAt - started), unit: 'ms', section, group },
  ]
}

export async function flashSaleBench(): Promise<Row[]> {
  const database = await EmulatorApart.start()
  // The emulator checks no signature; the SDK only needs a key pair to sign with.
  cloud.init({ env: 'siyu-bench', serviceUrl: database.url, secretId: 'emulator', secretKey: 'emulator' })
  await database.setWriteLatency(WRITE_LATENCY_MS)
  // Queued behind a hot document, requests pass the SDK's 3 s slow-request warning by design here.
  const warn = console.warn
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Your current request')) warn(...args)
  }
  try {
    const rows: Row[] = []
    for (const shards of SHARDS) rows.push(...(await flashSale(database, shards)))
    return [...rows, ...(await teamRush())]
  } finally {
    console.warn = warn
    await database.stop()
  }
}
