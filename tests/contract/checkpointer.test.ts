import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Checkpointer, checkpointInBackground } from '../../cloudfunctions/src/store/sqlite/checkpointer'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'

/** Rows of about 800 bytes (kept in the key's index too), written one transaction at a time as requests write them. */
function writeRows(store: SqliteStore, from: number, count: number): void {
  const insert = store.db.prepare('INSERT INTO points_keys (key) VALUES (?)')
  for (let i = from; i < from + count; i += 1) store.db.transaction(() => insert.run(`key-${i}-${'x'.repeat(800)}`)).immediate()
}

describe('checkpoints from a thread of their own', () => {
  let dir: string
  let file: string
  let store: SqliteStore
  let checkpointer: Checkpointer | null

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-checkpoints-'))
    file = path.join(dir, 'shop.db')
    store = new SqliteStore(file)
    // The schema into the database and the log empty, so the file grows only with what a test writes.
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    checkpointer = null
  })

  afterEach(async () => {
    await checkpointer?.stop()
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('copies the log into the database while the shop’s own connection never checkpoints below 10 000 pages', async () => {
    checkpointer = checkpointInBackground(store.db, file)
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000)
    const before = fs.statSync(file).size
    writeRows(store, 0, 1_200)
    // 1 200 commits of about five pages each stay under the shop connection's threshold: only the thread can have copied them.
    await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before + 1_000_000), { timeout: 10_000, interval: 20 })
  })

  it('leaves the log to grow without it: the yardstick for the test above', () => {
    store.db.pragma('wal_autocheckpoint = 10000')
    const before = fs.statSync(file).size
    writeRows(store, 0, 1_200)
    expect(fs.statSync(file).size).toBe(before)
  })

  it('stops: the thread ends, the shop’s connection checkpoints by itself again, and closing cleans up the log', async () => {
    checkpointer = checkpointInBackground(store.db, file)
    writeRows(store, 0, 100)
    await checkpointer.stop()
    checkpointer = null
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000)
    writeRows(store, 100, 1_100)
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM points_keys').get() as { n: number }).n).toBe(1_200)
    await store.close()
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    store = new SqliteStore(file)
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM points_keys').get() as { n: number }).n).toBe(1_200)
  })

  it('keeps every committed row through a run of writes beside its checkpoints', async () => {
    checkpointer = checkpointInBackground(store.db, file)
    for (let round = 0; round < 10; round += 1) {
      writeRows(store, round * 300, 300)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    const reader = new SqliteStore(file)
    try {
      expect((reader.db.prepare('SELECT COUNT(*) AS n FROM points_keys').get() as { n: number }).n).toBe(3_000)
      expect(reader.db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      await reader.close()
    }
  })
})
