/**
 * The part of the wx-server-sdk database API this adapter uses, typed. The real `cloud.database()`
 * satisfies it, and so does the documented-semantics double the contract suite runs against.
 */
// Documents are schemaless (each aggregate reads its fields into domain types), so `any` is allowed here alone.
export type DocData = Record<string, any>

export interface QueryResult {
  data: DocData[]
}

export interface Query {
  where(condition: DocData): Query
  orderBy(field: string, direction: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  get(): Promise<QueryResult>
  count(): Promise<{ total: number }>
  update(options: { data: DocData }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface DocRef {
  get(): Promise<{ data: DocData }>
  set(options: { data: DocData }): Promise<unknown>
  update(options: { data: DocData }): Promise<{ stats: { updated: number } }>
  remove(): Promise<unknown>
}

/** An aggregation pipeline (`collection.aggregate()`): the stages this adapter uses. */
export interface Aggregate {
  match(condition: DocData): Aggregate
  group(spec: DocData): Aggregate
  sort(spec: Record<string, 1 | -1>): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  end(): Promise<{ list: DocData[] }>
}

export interface CollectionRef extends Query {
  doc(id: string): DocRef
  add(options: { data: DocData }): Promise<{ _id: string }>
  aggregate(): Aggregate
}

/** Inside a transaction only document operations exist (no where/orderBy). */
export interface TransactionCollection {
  doc(id: string): DocRef
}

export interface Transaction {
  collection(name: string): TransactionCollection
}

export interface Command {
  eq(value: unknown): unknown
  gt(value: unknown): any
  gte(value: unknown): any
  lt(value: unknown): any
  lte(value: unknown): any
  in(values: unknown[]): unknown
  inc(n: number): unknown
  /** Replaces a field whole in an update (a plain object would be merged into the stored one). */
  set(value: unknown): unknown
  /** In a query: the field is present (true) or absent (false). */
  exists(present: boolean): unknown
  /** In an update: deletes the field. */
  remove(): unknown
  /** Aggregation accumulators (`db.command.aggregate`) for a `group` stage: `sum('$field')` or `sum(1)`, `max('$field')`. */
  aggregate: { sum(expression: string | number): unknown; max(expression: string): unknown }
}

export interface CloudDatabase {
  command: Command
  /** A regular-expression match for `where` (`db.RegExp` of the server SDK). */
  RegExp(options: { regexp: string; options?: string }): unknown
  collection(name: string): CollectionRef
  runTransaction<T>(callback: (tx: Transaction) => Promise<T>, retries?: number): Promise<T>
}

/** The most documents one `get` returns on the server SDK. */
export const MAX_GET = 1000

/** Adding a document whose _id exists fails with a duplicate-key error. */
export function isDuplicateKey(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { errCode?: unknown }).errCode ?? ''}` : String(error)
  return /duplicate key|E11000|-502001/i.test(text)
}
