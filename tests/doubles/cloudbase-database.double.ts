/**
 * TEST DOUBLE of the wx-server-sdk database (`cloud.database()`), for the store contract suite: the
 * CloudBase cloud itself cannot run here. It keeps the documented semantics the adapter depends on:
 * - `get` answers at most 1000 documents (100 when no limit is given);
 * - `doc(id).get()` rejects for a missing document; `add` with an existing `_id` rejects (duplicate key);
 * - commands: eq, gt, gte, lt, lte, in, exists, chained `.and`; in updates `inc`, `set` (replace
 *   whole), `remove`, and a plain object merged into the stored one; a dotted field name reaches into
 *   nested objects in queries and updates; `db.RegExp` on strings; `{ field: null }` matches a
 *   null or missing field, and comparisons match values of the same type only (MongoDB's rules);
 * - `aggregate()`: `match` (the same conditions as `where`), `group` (`_id` a field or null, other
 *   keys `sum` of a field or a constant, or `max` of a field), `sort`, `skip`, `limit`; at most 20
 *   records when no `limit` stage is given;
 * - `runTransaction(callback, retries = 3)`: document operations only (no where/orderBy inside), writes
 *   become visible only on commit, a write conflict with another commit (a document this transaction
 *   wrote, not one it only read) reruns the callback — up to `retries` more times, as the SDK does —
 *   so the callback must be safe to repeat, and a thrown error rolls everything back.
 * The emulator (tests/doubles/cloudbase-emulator) answers the real SDK over HTTP; this in-memory
 * double stays where suites need speed more than the SDK's own path.
 * `conflictsToInject` forces the next N transaction attempts to conflict, to prove repeat safety.
 */
import type {
  Aggregate,
  CloudDatabase,
  CollectionRef,
  Command,
  DocData,
  DocRef,
  Query,
  QueryResult,
  Transaction,
} from '../../cloudfunctions/src/store/cloudbase/database'

type Predicate = (value: unknown) => boolean

class Condition {
  constructor(readonly test: Predicate) {}
  and(other: Condition): Condition {
    return new Condition((v) => this.test(v) && other.test(v))
  }
}

class Increment {
  constructor(readonly by: number) {}
}

class Replacement {
  constructor(readonly value: unknown) {}
}

class Removal {}

/** A group stage's accumulator (`db.command.aggregate`): a total of a field or of a constant a document, or a field's largest value. */
class Accumulator {
  constructor(
    readonly kind: 'sum' | 'max',
    readonly of: { field: string } | { constant: number },
  ) {}
  /** Folds one document's value into the total so far (null: none yet). */
  add(total: number | null, doc: DocData): number | null {
    const value = 'field' in this.of ? valueAt(doc, this.of.field) : this.of.constant
    if (typeof value !== 'number') return total
    if (this.kind === 'sum') return (total ?? 0) + value
    return total === null || value > total ? value : total
  }
}

/** A field path written as an aggregation expression (`'$field'`). */
function fieldOf(expression: unknown): string {
  if (typeof expression !== 'string' || !expression.startsWith('$')) throw dbError(`not a field expression: ${String(expression)}`, -1)
  return expression.slice(1)
}

const compare = (a: unknown, b: unknown): number => {
  if (a === b) return 0
  if (a === undefined || a === null) return -1
  if (b === undefined || b === null) return 1
  return (a as number) < (b as number) ? -1 : 1
}

/** Comparisons match only values of the same type, as MongoDB's do. */
const comparable = (v: unknown, x: unknown) => v !== undefined && v !== null && typeof v === typeof x

const command: Command = {
  eq: (x) => new Condition((v) => equalTo(v, x)),
  gt: (x) => new Condition((v) => comparable(v, x) && compare(v, x) > 0),
  gte: (x) => new Condition((v) => comparable(v, x) && compare(v, x) >= 0),
  lt: (x) => new Condition((v) => comparable(v, x) && compare(v, x) < 0),
  lte: (x) => new Condition((v) => comparable(v, x) && compare(v, x) <= 0),
  in: (xs) => new Condition((v) => xs.includes(v)),
  inc: (n) => new Increment(n),
  set: (value) => new Replacement(value),
  exists: (present) => new Condition((v) => (v !== undefined) === present),
  remove: () => new Removal(),
  aggregate: {
    sum: (expression) => new Accumulator('sum', typeof expression === 'number' ? { constant: expression } : { field: fieldOf(expression) }),
    max: (expression) => new Accumulator('max', { field: fieldOf(expression) }),
  },
}

interface StoredDoc {
  data: DocData
  version: number
}

type Table = Map<string, StoredDoc>

const clone = <T>(value: T): T => structuredClone(value)

function dbError(message: string, errCode: number): Error {
  return Object.assign(new Error(message), { errCode })
}

/** Equality as the database has it: a scalar matches an array field that holds it, null matches a missing field. */
function equalTo(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === null || actual === undefined
  return actual === expected || (Array.isArray(actual) && !Array.isArray(expected) && actual.includes(expected))
}

/** A field's value, a dotted name reaching into nested objects. */
const valueAt = (doc: DocData, field: string): unknown =>
  field.split('.').reduce<unknown>((at, key) => (isPlainObject(at) ? at[key] : undefined), doc)

function matches(doc: DocData, condition: DocData): boolean {
  return Object.entries(condition).every(([field, expected]) =>
    expected instanceof Condition ? expected.test(valueAt(doc, field)) : equalTo(valueAt(doc, field), expected),
  )
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function applyUpdate(doc: DocData, patch: DocData): DocData {
  const next = clone(doc)
  for (const [path, value] of Object.entries(patch)) {
    if (path === '_id') throw dbError('cannot update _id', -1)
    // A dotted name updates a field of a nested object, creating the objects on the way.
    const keys = path.split('.')
    const field = keys.pop() as string
    let at: DocData = next
    for (const key of keys) {
      if (!isPlainObject(at[key])) at[key] = {}
      at = at[key] as DocData
    }
    if (value instanceof Increment) at[field] = Number(at[field] ?? 0) + value.by
    else if (value instanceof Replacement) at[field] = clone(value.value)
    else if (value instanceof Removal) delete at[field]
    // A plain object is merged into the stored one, as the database does; `set` replaces it whole.
    else if (isPlainObject(value) && isPlainObject(at[field])) at[field] = { ...at[field], ...clone(value) }
    else at[field] = clone(value)
  }
  return next
}

let autoId = 0

export class CloudbaseDatabaseDouble implements CloudDatabase {
  readonly command = command
  RegExp({ regexp, options }: { regexp: string; options?: string }): unknown {
    const pattern = new RegExp(regexp, options)
    return new Condition((v) => typeof v === 'string' && pattern.test(v))
  }
  private readonly tables = new Map<string, Table>()
  private version = 0
  conflictsToInject = 0
  transactionAttempts = 0

  table(name: string): Table {
    let table = this.tables.get(name)
    if (!table) {
      table = new Map()
      this.tables.set(name, table)
    }
    return table
  }

  bump(): number {
    this.version += 1
    return this.version
  }

  collection(name: string): CollectionRef {
    return new CollectionDouble(this, name, {}, [], 0, undefined)
  }

  async runTransaction<T>(callback: (tx: Transaction) => Promise<T>, retries = 3): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      this.transactionAttempts += 1
      const tx = new TransactionDouble(this)
      const result = await callback(tx)
      const injected = this.conflictsToInject > 0
      if (injected) this.conflictsToInject -= 1
      if (!injected && tx.commit()) return result
      if (attempt > retries)
        throw Object.assign(dbError('database transaction conflict', -501001), { code: 'DATABASE_TRANSACTION_CONFLICT' })
    }
  }
}

class CollectionDouble implements CollectionRef {
  constructor(
    private readonly db: CloudbaseDatabaseDouble,
    private readonly name: string,
    private readonly condition: DocData,
    private readonly order: [string, 'asc' | 'desc'][],
    private readonly skipped: number,
    private readonly limited: number | undefined,
  ) {}

  private with(
    changes: Partial<{ condition: DocData; order: [string, 'asc' | 'desc'][]; skipped: number; limited: number }>,
  ): CollectionDouble {
    return new CollectionDouble(
      this.db,
      this.name,
      changes.condition ?? this.condition,
      changes.order ?? this.order,
      changes.skipped ?? this.skipped,
      changes.limited ?? this.limited,
    )
  }

  private matching(): DocData[] {
    const docs = [...this.db.table(this.name).values()].map((d) => d.data).filter((d) => matches(d, this.condition))
    return docs.sort((a, b) => {
      for (const [field, direction] of this.order) {
        const c = compare(a[field], b[field])
        if (c !== 0) return direction === 'asc' ? c : -c
      }
      return 0
    })
  }

  where(condition: DocData): Query {
    return this.with({ condition: { ...this.condition, ...condition } })
  }
  orderBy(field: string, direction: 'asc' | 'desc'): Query {
    return this.with({ order: [...this.order, [field, direction]] })
  }
  skip(n: number): Query {
    return this.with({ skipped: n })
  }
  limit(n: number): Query {
    if (!Number.isInteger(n) || n <= 0) throw dbError('limit must be a positive integer', -1)
    return this.with({ limited: n })
  }
  async get(): Promise<QueryResult> {
    const limit = Math.min(this.limited ?? 100, 1000)
    return { data: clone(this.matching().slice(this.skipped, this.skipped + limit)) }
  }
  async count(): Promise<{ total: number }> {
    return { total: this.matching().length }
  }
  async update({ data }: { data: DocData }): Promise<{ stats: { updated: number } }> {
    const table = this.db.table(this.name)
    const hits = this.matching()
    for (const doc of hits) table.set(doc._id, { data: applyUpdate(doc, data), version: this.db.bump() })
    return { stats: { updated: hits.length } }
  }
  async remove(): Promise<{ stats: { removed: number } }> {
    const hits = this.matching()
    for (const doc of hits) this.db.table(this.name).delete(doc._id)
    this.db.bump()
    return { stats: { removed: hits.length } }
  }
  doc(id: string): DocRef {
    return new DocDouble(this.db.table(this.name), id, () => this.db.bump())
  }
  aggregate(): Aggregate {
    return new AggregateDouble(() => [...this.db.table(this.name).values()].map((d) => d.data), [], false)
  }
  async add({ data }: { data: DocData }): Promise<{ _id: string }> {
    const table = this.db.table(this.name)
    const id = typeof data._id === 'string' ? data._id : `auto-${++autoId}`
    if (table.has(id)) throw dbError(`database request fail | errMsg: [ResourceUnavailable] E11000 duplicate key error _id: ${id}`, -502001)
    table.set(id, { data: { ...clone(data), _id: id }, version: this.db.bump() })
    return { _id: id }
  }
}

type Stage = (docs: DocData[]) => DocData[]

class AggregateDouble implements Aggregate {
  constructor(
    private readonly docs: () => DocData[],
    private readonly stages: readonly Stage[],
    private readonly limited: boolean,
  ) {}

  private staged(stage: Stage, limited = this.limited): AggregateDouble {
    return new AggregateDouble(this.docs, [...this.stages, stage], limited)
  }
  match(condition: DocData): Aggregate {
    return this.staged((docs) => docs.filter((d) => matches(d, condition)))
  }
  group({ _id: by, ...totals }: DocData): Aggregate {
    const key = by === null ? null : fieldOf(by)
    const accumulators = Object.entries(totals).map(([name, total]) => {
      if (!(total instanceof Accumulator)) throw dbError(`unsupported accumulator for ${name}`, -1)
      return [name, total] as const
    })
    return this.staged((docs) => {
      const groups = new Map<unknown, DocData>()
      for (const doc of docs) {
        const id = key === null ? null : (valueAt(doc, key) ?? null)
        const group = groups.get(id) ?? {
          _id: id,
          ...Object.fromEntries(accumulators.map(([name, a]) => [name, a.kind === 'sum' ? 0 : null])),
        }
        groups.set(id, group)
        for (const [name, accumulator] of accumulators) group[name] = accumulator.add(group[name], doc)
      }
      return [...groups.values()]
    })
  }
  sort(spec: Record<string, 1 | -1>): Aggregate {
    return this.staged((docs) =>
      [...docs].sort((a, b) => {
        for (const [field, direction] of Object.entries(spec)) {
          const c = compare(valueAt(a, field), valueAt(b, field))
          if (c !== 0) return c * direction
        }
        return 0
      }),
    )
  }
  skip(n: number): Aggregate {
    return this.staged((docs) => docs.slice(n))
  }
  limit(n: number): Aggregate {
    if (!Number.isInteger(n) || n <= 0) throw dbError('limit must be a positive integer', -1)
    return this.staged((docs) => docs.slice(0, n), true)
  }
  async end(): Promise<{ list: DocData[] }> {
    const out = this.stages.reduce((docs, stage) => stage(docs), this.docs())
    return { list: clone(this.limited ? out : out.slice(0, 20)) }
  }
}

class DocDouble implements DocRef {
  constructor(
    private readonly table: Table,
    private readonly id: string,
    private readonly bump: () => number,
  ) {}
  async get(): Promise<{ data: DocData }> {
    const doc = this.table.get(this.id)
    if (!doc) throw dbError(`document.get:fail document with _id ${this.id} does not exist`, -502004)
    return { data: clone(doc.data) }
  }
  async set({ data }: { data: DocData }): Promise<unknown> {
    if ('_id' in data) throw dbError('document.set:fail data must not contain _id', -1)
    this.table.set(this.id, { data: { ...clone(data), _id: this.id }, version: this.bump() })
    return { stats: { updated: 1 } }
  }
  async update({ data }: { data: DocData }): Promise<{ stats: { updated: number } }> {
    const doc = this.table.get(this.id)
    if (!doc) return { stats: { updated: 0 } }
    this.table.set(this.id, { data: applyUpdate(doc.data, data), version: this.bump() })
    return { stats: { updated: 1 } }
  }
  async remove(): Promise<unknown> {
    const existed = this.table.delete(this.id)
    this.bump()
    return { stats: { removed: existed ? 1 : 0 } }
  }
}

/** A transaction buffers its writes and remembers the version of every document it touched. */
class TransactionDouble implements Transaction {
  private readonly seen = new Map<string, number>()
  private readonly writes = new Map<string, DocData | null>()

  constructor(private readonly db: CloudbaseDatabaseDouble) {}

  private key(name: string, id: string): string {
    return `${name}\u0000${id}`
  }

  private current(name: string, id: string): DocData | null {
    const key = this.key(name, id)
    if (this.writes.has(key)) return this.writes.get(key) ?? null
    const stored = this.db.table(name).get(id)
    if (!this.seen.has(key)) this.seen.set(key, stored?.version ?? 0)
    return stored ? clone(stored.data) : null
  }

  collection(name: string) {
    const tx = this
    const onlyDocs = () => {
      throw dbError('transaction supports document operations only', -1)
    }
    return {
      where: onlyDocs,
      orderBy: onlyDocs,
      doc(id: string): DocRef {
        const key = tx.key(name, id)
        return {
          async get() {
            const doc = tx.current(name, id)
            if (!doc) throw dbError(`document.get:fail document with _id ${id} does not exist`, -502004)
            return { data: doc }
          },
          async set({ data }) {
            if ('_id' in data) throw dbError('document.set:fail data must not contain _id', -1)
            tx.current(name, id)
            tx.writes.set(key, { ...clone(data), _id: id })
            return { stats: { updated: 1 } }
          },
          async update({ data }) {
            const doc = tx.current(name, id)
            if (!doc) return { stats: { updated: 0 } }
            tx.writes.set(key, applyUpdate(doc, data))
            return { stats: { updated: 1 } }
          },
          async remove() {
            tx.current(name, id)
            tx.writes.set(key, null)
            return { stats: { removed: 1 } }
          },
        }
      },
    }
  }

  /** Applies the writes when nothing this transaction wrote changed meanwhile; false on conflict. */
  commit(): boolean {
    for (const [key, version] of this.seen) {
      if (!this.writes.has(key)) continue
      const [name, id] = key.split('\u0000')
      if ((this.db.table(name).get(id)?.version ?? 0) !== version) return false
    }
    for (const [key, data] of this.writes) {
      const [name, id] = key.split('\u0000')
      if (data === null) this.db.table(name).delete(id)
      else this.db.table(name).set(id, { data, version: this.db.bump() })
    }
    return true
  }
}
