import { expect, it } from 'vitest'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { emulatedDatabase, emulator } from '../doubles/cloudbase-emulator/sdk'
import { distributionContract } from './distribution.contract'
import { groupBuyContract } from './groupbuy.contract'
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

it('went through the emulator', async () => {
  expect((await emulator()).requests).toBeGreaterThan(1000)
})
