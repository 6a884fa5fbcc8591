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
