const randomPart = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0')

/** A random id for one entry into the app, unique enough to make a retried touch report idempotent. */
export function newEntryId(): string {
  return `${Date.now().toString(36)}-${randomPart()}`
}

/** The idempotency key of one checkout attempt: a double tap or a retry of it names the same order. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}-${randomPart()}${randomPart()}`
}
