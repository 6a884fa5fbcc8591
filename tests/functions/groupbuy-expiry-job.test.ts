import { describe, expect, it } from 'vitest'
import type { Refund } from '../../types/domain'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { runGroupBuys } from '../../cloudfunctions/src/app/groupbuy-outcomes'
import { PAY_CALLBACK_SOURCE, onPaymentCallback } from '../../cloudfunctions/src/functions/pay-callbacks'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { dataRows } from '../support/books'
import { SteppedClock, T0, member, product, sku, smallShop } from '../support/fixtures'
import { successNotice } from '../support/pay-notices'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const address = { name: '王五', phone: '13700000000', region: '北京市 朝阳区', detail: '建国路 1 号' }

const campaign = (id: string, teamSize: number) => ({
  id,
  title: '拼团',
  productId: 'p1',
  skus: [{ skuId: 'p1-s1', teamPrice: 9_900 }],
  teamSize,
  timeLimitMs: 24 * HOUR,
  stock: 5_000,
  perMemberLimit: 100,
  startAt: T0 - HOUR,
  endAt: T0 + 30 * 24 * HOUR,
  enabled: true,
  sort: 0,
})

/** The local provider, except that it stops (as a crashed run would) at the refund after the first `sent`. */
class StopsAtRefund extends LocalPayProvider {
  private refunds = 0
  constructor(
    store: Store,
    clock: SteppedClock,
    private readonly sent: number,
  ) {
    super(store, clock)
  }

  override async refund(refund: Refund): Promise<void> {
    this.refunds += 1
    if (this.refunds > this.sent) throw new Error('stopped')
    return super.refund(refund)
  }
}

/**
 * A shop whose group-buy timer finds teams in every state at NOW (a day after most opened): teams of 3
 * with two paid seats, with a paid leader and a joiner who never paid (the hold is released), with the
 * leader alone; leaders who asked to hear how it ends and leaders who did not; a team of 2 that filled
 * (left alone); teams opened lately (not due); a team that failed in a run stopped midway through its
 * refunds (one seat refunded and marked, the other order refunding, its refund never sent). Every
 * payment is deterministic, so two shops built alike are alike row for row.
 */
async function shopWithFailingTeams(store: Store): Promise<{ clock: SteppedClock; now: number }> {
  const clock = new SteppedClock(T0)
  const pay = new LocalPayProvider(store, clock)
  let requests = 0
  const call = async (memberId: string, action: string, data: Record<string, unknown>) => {
    const result = await dispatch(FUNCTIONS.groupbuy, { action, data }, { store, pay, now: clock.now(), memberId })
    if (!result.ok) throw new Error(`${action} as ${memberId}: ${result.code}: ${result.message}`)
    return result.data as { team: { id: string }; order: { id: string } }
  }
  const paid = async (orderId: string) => {
    await onPaymentCallback(store, pay, await successNotice(store, orderId), PAY_CALLBACK_SOURCE, clock.now())
  }
  const open = async (leader: string, campaignId: string, subscribe: boolean) => {
    const opened = await call(leader, 'open', {
      campaignId,
      skuId: 'p1-s1',
      requestId: `request-${String((requests += 1)).padStart(4, '0')}`,
      address,
      expectedPayable: 9_900,
      ...(subscribe ? { subscribe } : {}),
    })
    await paid(opened.order.id)
    return opened.team.id
  }
  const join = async (joiner: string, teamId: string, pays: boolean) => {
    const joined = await call(joiner, 'join', {
      teamId,
      skuId: 'p1-s1',
      requestId: `request-${String((requests += 1)).padStart(4, '0')}`,
      address,
      expectedPayable: 9_900,
    })
    if (pays) await paid(joined.order.id)
  }

  await smallShop(store)
  await store.putProduct(product('p1', { title: '明前龙井', sort: 1, skus: [sku('p1', 1, 12800, 500)] }))
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
  for (let i = 0; i < 40; i += 1)
    await saveMember(
      store,
      member(`m${String(i).padStart(2, '0')}`, 1, {
        createdAt: T0 - HOUR,
        shareCode: `GBX${letters[Math.floor(i / 24)]}${letters[i % 24]}`,
      }),
    )
  await store.putGroupBuy(campaign('gb3', 3))
  await store.putGroupBuy(campaign('gb2', 2))
  let m = 0
  const next = () => `m${String((m += 1) % 40).padStart(2, '0')}`
  // Teams that will have failed: two early, nine later.
  for (let t = 0; t < 11; t += 1) {
    if (t === 2) clock.advance(20 * HOUR)
    clock.advance(7 * MINUTE)
    const team = await open(next(), 'gb3', t % 2 === 0)
    if (t % 3 !== 2) await join(next(), team, t % 3 === 0)
  }
  // A team of 2 that fills.
  const full = await open(next(), 'gb2', true)
  await join(next(), full, true)
  // The two early teams fail, and that run (team by team, whichever store) stops at the second refund:
  // the first seat refunded and marked, the second order refunding, its refund never sent.
  clock.advance(4 * HOUR)
  const early = await runGroupBuys(teamByTeam(Object.create(store) as SqliteStore), new StopsAtRefund(store, clock, 1), clock.now()).catch(
    (error: Error) => error.message,
  )
  expect(early).toBe('stopped')
  // Teams opened lately (not due at NOW).
  clock.advance(HOUR)
  for (let t = 0; t < 3; t += 1) {
    const team = await open(next(), 'gb3', true)
    await join(next(), team, true)
  }
  return { clock, now: clock.now() + 20 * HOUR }
}

/** The store with the timer's slice methods taken away: the timer goes team by team, as it did before. */
function teamByTeam(store: SqliteStore): SqliteStore {
  const generic = store as Store
  generic.expireTeamsSlice = undefined
  generic.refundTeamsSlice = undefined
  generic.settleTeamSteps = undefined
  return store
}

describe('group-buy expiry a slice of teams at a time', () => {
  it('leaves exactly the tables the team-by-team timer leaves, at every slice size, and a second run changes nothing', async () => {
    const reference = teamByTeam(new SqliteStore(':memory:'))
    const { clock, now } = await shopWithFailingTeams(reference)
    const before = dataRows(reference)
    const once = await runGroupBuys(reference, new LocalPayProvider(reference, clock), now)
    const expected = dataRows(reference)
    expect(once).toMatchObject({ done: true })
    expect(once.failed).toBeGreaterThan(5)
    expect(once.refunded).toBeGreaterThan(once.failed)
    expect(expected.refunds.length).toBeGreaterThan(before.refunds.length)
    expect(expected.message_outbox.length).toBeGreaterThan(before.message_outbox.length)

    for (const slice of [1, 2, 1_000]) {
      const store = new SqliteStore(':memory:')
      const built = await shopWithFailingTeams(store)
      expect(dataRows(store)).toEqual(before)
      const run = await runGroupBuys(store, new LocalPayProvider(store, built.clock), now, { more: () => true, slice })
      // (The outbox reader, which comes first, may read events of one instant again in tiny slices.)
      expect(run, `slice of ${slice}`).toMatchObject({ failed: once.failed, refunded: once.refunded, done: true })
      expect(dataRows(store), `slice of ${slice}`).toEqual(expected)
      expect(await runGroupBuys(store, new LocalPayProvider(store, built.clock), now)).toMatchObject({ failed: 0, refunded: 0, done: true })
      expect(dataRows(store)).toEqual(expected)
    }
  })
})
