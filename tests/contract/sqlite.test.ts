import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { distributionContract } from './distribution.contract'
import { groupBuyContract } from './groupbuy.contract'
import { imageCheckContract } from './image-checks.contract'
import { noticeContract } from './notices.contract'
import { orderContract } from './orders.contract'
import { pointsContract } from './points.contract'
import { redeemContract } from './redeem.contract'
import { storeContract } from './store.contract'

storeContract('sqlite', async () => new SqliteStore(':memory:'))
orderContract('sqlite', async () => new SqliteStore(':memory:'))
pointsContract('sqlite', async () => new SqliteStore(':memory:'))
redeemContract('sqlite', async () => new SqliteStore(':memory:'))
distributionContract('sqlite', async () => new SqliteStore(':memory:'))
groupBuyContract('sqlite', async () => new SqliteStore(':memory:'))
noticeContract('sqlite', async () => new SqliteStore(':memory:'))
imageCheckContract('sqlite', async () => new SqliteStore(':memory:'))
