/** A row that holds its record as a JSON document. */
export interface DocRow {
  doc: string
}

export const parseDoc = <T>({ doc }: DocRow): T => JSON.parse(doc) as T

/**
 * What a paged listing reads: the rows in order (without LIMIT/OFFSET) and the count of all of them as
 * `n`, both with `params` (the count with `countParams` when it takes others).
 */
export interface Listing {
  rows: string
  count: string
  params: readonly unknown[]
  countParams?: readonly unknown[]
}
