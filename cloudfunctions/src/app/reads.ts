/** Reads of one kind sent at once: on CloudBase each is a round trip, so a batch of them overlaps. */
export const READS_AT_ONCE = 20

/** `read` of each distinct key, `READS_AT_ONCE` at a time; answers what each key read. */
export async function readEach<T>(keys: Iterable<string>, read: (key: string) => Promise<T>): Promise<Map<string, T>> {
  const distinct = [...new Set(keys)]
  const found = new Map<string, T>()
  for (let i = 0; i < distinct.length; i += READS_AT_ONCE) {
    const batch = distinct.slice(i, i + READS_AT_ONCE)
    const answers = await Promise.all(batch.map(read))
    for (const [j, key] of batch.entries()) found.set(key, answers[j])
  }
  return found
}
