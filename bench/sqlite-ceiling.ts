import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import type { Row, SqliteCeiling } from './report'

const SECONDS = 3
const ACCOUNTS = 1_000

/** Runs `transaction` back to back for a bounded time; answers how many committed per second. */
function perSecond(transaction: (i: number) => void): number {
  const until = performance.now() + SECONDS * 1000
  const start = performance.now()
  let i = 0
  while (performance.now() < until) transaction(i++)
  return Math.round(i / ((performance.now() - start) / 1000))
}

/**
 * What better-sqlite3 itself manages on this machine, one transaction at a time, on a fresh file
 * opened the way the store opens its database (so with its pragmas): single-row writes, and a
 * balance read, updated and recorded in a ledger — the shape of most of the shop's writes.
 */
export async function sqliteCeiling(): Promise<{ ceiling: SqliteCeiling; rows: Row[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-ceiling-'))
  const store = new SqliteStore(path.join(dir, 'ceiling.db'))
  try {
    const db = store.db
    db.exec(`
      CREATE TABLE ceiling_rows (id TEXT PRIMARY KEY, member_id TEXT NOT NULL, amount INTEGER NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE ceiling_accounts (member_id TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0), version INTEGER NOT NULL);
      CREATE TABLE ceiling_ledger (id TEXT PRIMARY KEY, member_id TEXT NOT NULL, delta INTEGER NOT NULL, at INTEGER NOT NULL);
    `)
    const insertRow = db.prepare('INSERT INTO ceiling_rows (id, member_id, amount, at) VALUES (?, ?, 1, ?)')
    const write = db.transaction((i: number) => insertRow.run(`row:${i}`, `m${i % ACCOUNTS}`, Date.now()))
    const writeTransactionsPerSecond = perSecond((i) => write.immediate(i))

    const insertAccount = db.prepare('INSERT INTO ceiling_accounts (member_id, balance, version) VALUES (?, 0, 0)')
    db.transaction(() => {
      for (let a = 0; a < ACCOUNTS; a += 1) insertAccount.run(`m${a}`)
    })()
    const readBalance = db.prepare('SELECT balance, version FROM ceiling_accounts WHERE member_id = ?')
    const updateBalance = db.prepare('UPDATE ceiling_accounts SET balance = ?, version = version + 1 WHERE member_id = ? AND version = ?')
    const insertEntry = db.prepare('INSERT INTO ceiling_ledger (id, member_id, delta, at) VALUES (?, ?, 10, ?)')
    const credit = db.transaction((i: number) => {
      const memberId = `m${i % ACCOUNTS}`
      const account = readBalance.get(memberId) as { balance: number; version: number }
      updateBalance.run(account.balance + 10, memberId, account.version)
      insertEntry.run(`credit:${i}`, memberId, Date.now())
    })
    const readModifyWritePerSecond = perSecond((i) => credit.immediate(i))

    const ceiling = { writeTransactionsPerSecond, readModifyWritePerSecond }
    const rows: Row[] = [
      {
        metric: 'SQLite single-row write transactions per second (raw, ceiling)',
        value: writeTransactionsPerSecond,
        unit: 'tx/s',
        section: 'SQLite ceiling',
      },
      {
        metric: 'SQLite read-modify-write transactions per second (balance + ledger, raw)',
        value: readModifyWritePerSecond,
        unit: 'tx/s',
        section: 'SQLite ceiling',
      },
    ]
    return { ceiling, rows }
  } finally {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
