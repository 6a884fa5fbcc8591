import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import type { Store } from '../../cloudfunctions/src/store/port'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { CloudbaseDatabaseDouble } from '../doubles/cloudbase-database.double'

/** Both store adapters, fresh and empty: SQLite in memory, and CloudBase over its test double. */
export const STORE_ADAPTERS: [name: string, open: () => Store][] = [
  ['sqlite', () => new SqliteStore(':memory:')],
  ['cloudbase double', () => new CloudbaseStore(new CloudbaseDatabaseDouble())],
]
