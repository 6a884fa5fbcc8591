import type { CloudDatabase, Transaction } from './database'

/** How often a compare-and-set is tried again while concurrent changes of the same record keep winning. */
const ATTEMPTS = 200

/** What an attempt answers when the version it read was moved by someone else before it could write. */
export const STALE: unique symbol = Symbol('stale')

/**
 * Compare-and-set with retries: each attempt reads, decides and writes only while the version it read
 * is still current, answering its outcome, or STALE to be recomputed from a fresh read. Callers racing
 * on one record back off a random few milliseconds, more with each lost attempt.
 */
export async function retryWhileStale<T>(record: string, attempt: () => Promise<T | typeof STALE>): Promise<T> {
  for (let tries = 0; tries < ATTEMPTS; tries += 1) {
    const outcome = await attempt()
    if (outcome !== STALE) return outcome
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** tries)))
  }
  throw new Error(`${record}: too many concurrent changes`)
}

/** How often a transaction is run again while it keeps meeting concurrent writes of the same documents. */
const TRANSACTION_ATTEMPTS = 60

/**
 * A write–write conflict of a transaction. Met at commit, the SDK throws the database's answer
 * (`code`); met at a write inside the callback, the SDK's own error wrapper keeps only its message.
 */
export function isTransactionConflict(error: unknown): boolean {
  if ((error as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT') return true
  const text = error instanceof Error ? error.message : String((error as { message?: unknown } | null)?.message ?? error)
  return /DATABASE_TRANSACTION_CONFLICT|transaction conflict|WriteConflict/i.test(text)
}

/**
 * Runs a transaction, again from the start while it conflicts with concurrent writers: the SDK only
 * reruns conflicts met at commit (and a few times), not those met at a write. The callback must be
 * safe to repeat — it decides only from what it reads inside the transaction.
 */
export async function transact<T>(db: CloudDatabase, callback: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await db.runTransaction(callback)
    } catch (error) {
      if (tries >= TRANSACTION_ATTEMPTS || !isTransactionConflict(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** tries)))
    }
  }
}
