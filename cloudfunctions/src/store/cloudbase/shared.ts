import type { Slice } from '../port'
import { type DocData, type DocRef, MAX_GET, type Query } from './database'

/** The SDK's refusal of `get` for a missing document (its own words, in and out of transactions). */
export function isMissingDocument(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String((error as { errMsg?: unknown } | null)?.errMsg ?? error)
  return /does not exist/.test(text)
}

/**
 * A document's data, or null when it does not exist (the SDK rejects `get` of a missing document).
 * Any other failure is thrown: a read that did not happen must not pass for an absent document.
 */
export async function read(ref: DocRef): Promise<DocData | null> {
  try {
    return (await ref.get()).data ?? null
  } catch (error) {
    if (isMissingDocument(error)) return null
    throw error
  }
}

export function withoutId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = value
  return rest
}

export function fromDoc<T>(doc: DocData): T {
  const { _id, ...rest } = doc
  return { id: _id, ...rest } as T
}

/** Reads every document of a query, page by page (the SDK answers at most 1000 per get). */
export async function getAll(query: Query): Promise<DocData[]> {
  const all: DocData[] = []
  for (;;) {
    const { data } = await query.skip(all.length).limit(MAX_GET).get()
    all.push(...data)
    if (data.length < MAX_GET) return all
  }
}

/** One page of an ordered query and the count of everything the (unordered) query matches, asked for together. */
export async function pageOf<T>(
  ordered: Query,
  matching: Query,
  page: { offset: number; limit: number },
  toItems: (docs: DocData[]) => T[] | Promise<T[]>,
): Promise<Slice<T>> {
  const [{ data }, { total }] = await Promise.all([ordered.skip(page.offset).limit(page.limit).get(), matching.count()])
  return { items: await toItems(data), total }
}
