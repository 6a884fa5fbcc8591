/** A random id for one entry into the app, unique enough to make a retried touch report idempotent. */
export function newEntryId(): string {
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0')
  return `${Date.now().toString(36)}-${random}`
}
