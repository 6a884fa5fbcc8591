import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { storeContract } from './store.contract'

storeContract('sqlite', async () => new SqliteStore(':memory:'))
