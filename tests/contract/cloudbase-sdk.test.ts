import { expect, it } from 'vitest'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { emulatedDatabase, emulatedEnvironment, emulator } from '../doubles/cloudbase-emulator/sdk'
import { T0, order, smallShop } from '../support/fixtures'
import { commentContract } from './comments.contract'
import { creatorContract } from './creators.contract'
import { distributionContract } from './distribution.contract'
import { feedContract } from './feed.contract'
import { groupBuyContract } from './groupbuy.contract'
import { imageCheckContract } from './image-checks.contract'
import { noticeContract } from './notices.contract'
import { orderContract } from './orders.contract'
import { pointsContract } from './points.contract'
import { redeemContract } from './redeem.contract'
import { storeContract } from './store.contract'

const name = 'cloudbase (real SDK over the emulator)'
const open = async () => new CloudbaseStore(await emulatedDatabase())

storeContract(name, open)
orderContract(name, open)
pointsContract(name, open)
redeemContract(name, open)
distributionContract(name, open)
groupBuyContract(name, open)
noticeContract(name, open)
feedContract(name, open)
commentContract(name, open)
creatorContract(name, open)
imageCheckContract(name, open)

it('refuses a flash buyer after the allotment is sold out without writing anything', async () => {
  const { db, environment } = await emulatedEnvironment()
  const store = new CloudbaseStore(db)
  await smallShop(store)
  const flashOrder = (id: string) => {
    const o = order(id, {}, [{ skuId: 'p1-s1', price: 9900, quantity: 2 }])
    return { ...o, lines: o.lines.map((l) => ({ ...l, flash: { campaignId: 'flash', allotment: 2 } })) }
  }
  expect(await store.placeOrder(flashOrder('o1'))).toEqual({ placed: true })
  const stock = (await store.findSkus(['p1-s1']))[0].stock
  const before = environment.commits
  expect(await store.placeOrder(flashOrder('o2'))).toMatchObject({ placed: false, reason: 'flashSoldOut' })
  expect(environment.commits).toBe(before)
  expect((await store.findSkus(['p1-s1']))[0].stock).toBe(stock)
})

it('totals growth and orders where they are stored: one request a member, one a hundred members, however many documents', async () => {
  const store = new CloudbaseStore(await emulatedDatabase())
  const server = await emulator()
  // 300 entries, summed where they are stored: the answer is one record, not the 300 documents.
  for (let day = 0; day < 300; day += 1)
    await store.addGrowth({ id: `growth:checkin:a:${day}`, memberId: 'a', amount: 1, reason: 'checkin', at: T0 + day })
  const members = Array.from({ length: 150 }, (_, i) => (i === 0 ? 'a' : `m${i}`))
  const before = server.requests
  expect(await store.growthBetween('a', T0 - 1, T0 + 299)).toBe(300)
  expect(server.requests - before).toBe(1)
  expect((await store.growthOfMembers(members, T0 - 1, T0 + 299)).get('a')).toBe(300)
  // 150 members: two sums of at most 100 members each.
  expect(server.requests - before).toBe(3)
  // Their orders: the last payment and the recent figures, each two aggregations.
  expect((await store.memberOrderStats(members, T0)).map((s) => s.lastPaidAt)).toEqual(members.map(() => null))
  expect(server.requests - before).toBe(7)
})

it('went through the emulator', async () => {
  expect((await emulator()).requests).toBeGreaterThan(1000)
})
