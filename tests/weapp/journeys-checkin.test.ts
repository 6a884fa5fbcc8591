/**
 * The daily check-in in the built mini program: from the points centre to 签到, the balance rising by
 * what the server credited (its ledger entry for the Shanghai day), and a second tap crediting nothing.
 */
import { describe, expect, it } from 'vitest'
import { checkInKey } from '../../cloudfunctions/src/core/points'
import { follow, journeyOf, textOf, toasts } from './journey'

/** A new member: 320 seeded points and no check-in yet. */
const MEMBER = 'consumer-v1'

describe('weapp journey: the daily check-in', () => {
  const session = journeyOf(MEMBER)

  it('签到 credits what the server granted, once a day: the second tap is refused', async () => {
    const { host, double } = session
    const before = (await double.store.findPoints(MEMBER)).account.available
    const centre = await host.render('packages/points/center/index')
    expect(textOf(centre)).toContain(`可用积分${before}`)
    await centre.tap('去签到')
    const checkIn = await follow(session)
    expect(checkIn.route).toBe('packages/points/checkin/index')
    const promised = Number(/今日签到可得 \+(\d+) 积分/.exec(textOf(checkIn))?.[1])

    await checkIn.tapButton('签到')
    expect(checkIn.errors).toEqual([])
    const { entries } = await ledger(session)
    const credit = entries.filter((entry) => entry.id.startsWith(`checkin:${MEMBER}:`))
    expect(credit.map((entry) => entry.id)).toEqual([checkInKey(MEMBER, Date.now())])
    const granted = credit[0].delta
    expect(granted).toBe(promised)
    const after = (await double.store.findPoints(MEMBER)).account.available
    expect(after - before).toBe(granted)
    expect(toasts(double)).toContain(`+${granted} 积分`)
    expect(textOf(checkIn)).toContain(`今日已获得 +${granted} 积分`)

    // The button now reads 今日已签到 and is off: a second tap credits nothing.
    const shown = toasts(double).length
    await checkIn.tapButton('今日已签到')
    expect((await ledger(session)).entries.filter((entry) => entry.id.startsWith('checkin:'))).toHaveLength(1)
    expect((await double.store.findPoints(MEMBER)).account.available).toBe(after)
    expect(
      toasts(double)
        .slice(shown)
        .filter((title) => title.startsWith('+')),
    ).toEqual([])

    // And the server itself refuses to credit the day twice.
    const again = (await double.call('points', 'checkIn', {}, MEMBER)) as { credited: number }
    expect(again.credited).toBe(0)
    expect((await double.store.findPoints(MEMBER)).account.available).toBe(after)

    const centreAgain = await host.render('packages/points/center/index')
    expect(textOf(centreAgain)).toContain(`可用积分${after}`)
  })
})

const ledger = async (session: ReturnType<typeof journeyOf>) => {
  const slice = await session.double.store.listLedger(MEMBER, 0, 50)
  return { entries: slice.items }
}
