import type { CloudDatabase } from './database'

/**
 * A placement's mark on a counter it took from (a SKU's stock, a flash shard, a member's purchase
 * count): `placing.<order>_<line>` holds the units taken, written in the same update as the counter.
 * The mark makes taking and giving back idempotent: a write is asked again after its answer was lost,
 * and whatever happened, the mark says whether the units were taken.
 */
export const markOf = (orderId: string, line: number) => `placing.${orderId}_${line}`

/** The units a mark holds on a document, if the document carries it. */
export function markedUnits(doc: Record<string, unknown>, mark: string): number | null {
  const units = (doc.placing as Record<string, unknown> | undefined)?.[mark.slice('placing.'.length)]
  return typeof units === 'number' ? units : null
}

/** A counter document without its placements' marks, as the domain reads it. */
export function withoutMarks<T extends Record<string, unknown>>(doc: T): Omit<T, 'placing'> {
  const { placing: _placing, ...rest } = doc
  return rest
}

export interface Counter {
  collection: string
  id: string
  field: string
}

/**
 * Moves `counter.field` by `by` and marks the document, when `condition` holds and the mark is
 * absent. A write whose answer is lost is asked once more; then the mark says whether it applied, and
 * when it did not the outcome stays unknown (thrown): the lost write may yet be applied.
 */
export async function takeMarked(
  db: CloudDatabase,
  counter: Counter,
  condition: Record<string, unknown>,
  by: number,
  units: number,
  mark: string,
): Promise<boolean> {
  const _ = db.command
  const write = () =>
    db
      .collection(counter.collection)
      .where({ _id: counter.id, ...condition, [mark]: _.exists(false) })
      .update({ data: { [counter.field]: _.inc(by), [mark]: units } })
  try {
    return (await write()).stats.updated === 1
  } catch (error) {
    if ((await write()).stats.updated === 1) return true
    const { data } = await db
      .collection(counter.collection)
      .where({ _id: counter.id, [mark]: units })
      .limit(1)
      .get()
    if (data.length === 1) return true
    // The first write may still be applied later: not a refusal, so the caller's hold stays for the timer.
    throw error
  }
}

/** Undoes a marked take: moves the counter back by `by` and removes the mark, only while the mark is there. */
export async function giveBackMarked(db: CloudDatabase, counter: Counter, by: number, units: number, mark: string): Promise<void> {
  const _ = db.command
  await db
    .collection(counter.collection)
    .where({ _id: counter.id, [mark]: units })
    .update({ data: { [counter.field]: _.inc(by), [mark]: _.remove() } })
}

/** Removes marks of placements that stood (their units stay taken), in one write per document. */
export async function clearMarks(db: CloudDatabase, collection: string, id: string, marks: readonly string[]): Promise<void> {
  if (marks.length === 0) return
  const removal = db.command.remove()
  await db
    .collection(collection)
    .where({ _id: id })
    .update({ data: Object.fromEntries(marks.map((m) => [m, removal])) })
}
