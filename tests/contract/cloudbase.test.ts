import { describe, expect, it } from 'vitest'
import { rollupVisits } from '../../cloudfunctions/src/app/touchpoints'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { CloudbaseDatabaseDouble } from '../doubles/cloudbase-database.double'
import { product, sku, smallShop } from '../support/fixtures'
import { commentContract } from './comments.contract'
import { creatorContract } from './creators.contract'
import { distributionContract } from './distribution.contract'
import { groupBuyContract } from './groupbuy.contract'
import { noticeContract } from './notices.contract'
import { orderContract } from './orders.contract'
import { pointsContract } from './points.contract'
import { redeemContract } from './redeem.contract'
import { storeContract } from './store.contract'

storeContract('cloudbase (over the documented-semantics double)', async () => new CloudbaseStore(new CloudbaseDatabaseDouble()))
orderContract('cloudbase (over the documented-semantics double)', async () => new CloudbaseStore(new CloudbaseDatabaseDouble()))

describe('cloudbase adapter under the SDK limits', () => {
  it('stays correct when the transaction callback is rerun after a conflict', async () => {
    const db = new CloudbaseDatabaseDouble()
    const store = new CloudbaseStore(db)
    await smallShop(store)
    const before = db.transactionAttempts
    db.conflictsToInject = 2
    await store.putProduct(product('p1', { skus: [sku('p1', 1, 9900, 4), sku('p1', 2, 19900, 2)] }))
    expect(db.transactionAttempts - before).toBe(3)
    expect((await store.findProduct('p1'))?.skus.map((s) => s.price)).toEqual([9900, 19900])
  })

  it('reads past the 1000-document page limit', async () => {
    const db = new CloudbaseDatabaseDouble()
    const store = new CloudbaseStore(db)
    const base = {
      memberId: null,
      scene: 0,
      shareCode: null,
      postId: null,
      campaignId: null,
      productId: null,
      path: 'pages/home/index',
      channel: 'direct',
    }
    for (let i = 0; i < 2500; i += 1) await store.recordTouch({ ...base, id: `t${i}`, at: 1000 + i })
    await rollupVisits(store, 10_000)
    expect(await store.listChannelDays('1970-01-01', '1970-01-01')).toEqual([
      { day: '1970-01-01', channel: 'direct', visits: 2500, visitors: 2500 },
    ])
  })
})
pointsContract('cloudbase (over the documented-semantics double)', async () => new CloudbaseStore(new CloudbaseDatabaseDouble()))
redeemContract('cloudbase (over the documented-semantics double)', async () => new CloudbaseStore(new CloudbaseDatabaseDouble()))
distributionContract('cloudbase (over the documented-semantics double)', async () => new CloudbaseStore(new CloudbaseDatabaseDouble()))
groupBuyContract('cloudbase (over the documented-semantics double)', async () => new CloudbaseStore(new CloudbaseDatabaseDouble()))
noticeContract('cloudbase (over the documented-semantics double)', async () => new CloudbaseStore(new CloudbaseDatabaseDouble()))
commentContract('cloudbase (over the documented-semantics double)', async () => new CloudbaseStore(new CloudbaseDatabaseDouble()))
creatorContract('cloudbase (over the documented-semantics double)', async () => new CloudbaseStore(new CloudbaseDatabaseDouble()))
