import path from 'node:path'
import { HostClock } from './clock'
import { createHost } from './host'
import { MEDIA_DIR } from './paths'
import { seedIfEmpty } from './seed'
import { demoShop } from './seed/demo-shop'
import { SessionKeys } from './sessions'
import { checkpointInBackground } from '../store/sqlite/checkpointer'
import { SqliteStore } from '../store/sqlite/store'

export interface LocalShopOptions {
  dbPath: string
  port: number
  appDir: string | null
  runJobs: boolean
}

/** Opens (migrating and seeding when empty) the local database and serves the shop over it. */
export async function startLocalShop(options: LocalShopOptions) {
  const clock = new HostClock()
  const store = new SqliteStore(options.dbPath)
  const seeded = await seedIfEmpty(store, clock.now())
  // The thread answering requests seldom stops to checkpoint; an in-memory shop has no log.
  const checkpoints = options.dbPath === ':memory:' ? null : checkpointInBackground(store.db, options.dbPath)
  const people = demoShop(clock.now()).people.map(({ id, label }) => ({ id, label }))
  const sessions = new SessionKeys(options.dbPath === ':memory:' ? null : `${options.dbPath}.secret`)
  const host = createHost({
    store,
    clock,
    sessions,
    people,
    appDir: options.appDir,
    mediaDir: MEDIA_DIR,
    // Members' uploads live beside the database (`.data/uploads/`); an in-memory shop keeps none.
    uploadDir: options.dbPath === ':memory:' ? null : path.join(path.dirname(path.resolve(options.dbPath)), 'uploads'),
  })
  const url = await host.listen(options.port)
  if (options.runJobs) host.startJobs()
  return {
    url,
    seeded,
    host,
    store,
    clock,
    async close() {
      await host.close()
      await checkpoints?.stop()
      await store.close()
    },
  }
}
