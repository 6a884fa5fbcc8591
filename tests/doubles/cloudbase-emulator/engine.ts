/**
 * TEST DOUBLE: the document database behind the CloudBase emulator (the CloudBase cloud cannot run
 * here). Filters, sorting and update operators follow MongoDB's rules through mingo; what CloudBase
 * adds on top is kept: `_id` and declared unique indexes are enforced, transactions read a snapshot
 * and a write–write conflict answers DATABASE_TRANSACTION_CONFLICT — at the write when another
 * transaction holds the document or committed it after the snapshot (MongoDB's first writer wins),
 * and at commit when a plain write moved it meanwhile.
 */
import { randomBytes } from 'node:crypto'
import { aggregate, update as applyModifier, find } from 'mingo'

import type { DocData } from '../../../cloudfunctions/src/store/cloudbase/database'

/** Documents are schemaless here as in the database. */
export type Doc = DocData

export class DatabaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const conflict = () => new DatabaseError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict')

export interface CollectionRules {
  name: string
  /** Field lists whose values no two documents may share (besides `_id`). */
  unique: readonly (readonly string[])[]
}

/** A document's committed history, oldest first: what each open transaction's snapshot still sees. */
interface Version {
  seq: number
  doc: Doc | null
}

interface OpenTransaction {
  snapshot: number
  writes: Map<string, Doc | null>
  aborted: boolean
}

export interface Page {
  order?: Doc
  offset?: number
  limit?: number
}

export interface Modification {
  /** true: `data` holds update operators merged into the document; false: `data` replaces it. */
  merge: boolean
  multi: boolean
  upsert: boolean
}

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`
const idOf = (key: string) => key.slice(key.indexOf('\u0000') + 1)
const collectionOf = (key: string) => key.slice(0, key.indexOf('\u0000'))

/** The plain fields of an update go under `$set`, as the server reads them. */
function asModifier(data: Doc): Doc {
  const operators = Object.entries(data).filter(([k]) => k.startsWith('$'))
  const plain = Object.entries(data).filter(([k]) => !k.startsWith('$'))
  const modifier: Doc = Object.fromEntries(operators)
  if (plain.length > 0) modifier.$set = { ...(modifier.$set ?? {}), ...Object.fromEntries(plain) }
  return modifier
}

function valueAt(doc: Doc, path: string): unknown {
  let value: unknown = doc
  for (const part of path.split('.')) value = value === null || typeof value !== 'object' ? undefined : (value as Doc)[part]
  return value ?? null
}

export class Environment {
  private seq = 0
  private readonly histories = new Map<string, Version[]>()
  private readonly byCollection = new Map<string, Set<string>>()
  private readonly open = new Map<string, OpenTransaction>()

  constructor(private readonly rules: (collection: string) => CollectionRules | undefined) {}

  private collectionRules(collection: string): CollectionRules {
    const rules = this.rules(collection)
    if (!rules) throw new DatabaseError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${collection}`)
    return rules
  }

  private committed(key: string, at = Number.POSITIVE_INFINITY): Doc | null {
    const history = this.histories.get(key)
    if (!history) return null
    for (let i = history.length - 1; i >= 0; i -= 1) if (history[i].seq <= at) return history[i].doc
    return null
  }

  private lastSeq(key: string): number {
    const history = this.histories.get(key)
    return history ? history[history.length - 1].seq : 0
  }

  private transaction(id: string | undefined): OpenTransaction | undefined {
    if (!id) return undefined
    const tx = this.open.get(id)
    if (!tx) throw new DatabaseError('DATABASE_TRANSACTION_FAIL', `transaction ${id} is not open`)
    if (tx.aborted) throw new DatabaseError('DATABASE_TRANSACTION_FAIL', `transaction ${id} was aborted`)
    return tx
  }

  /** The documents of a collection as a transaction (or, without one, the latest commit) sees them. */
  private visible(collection: string, tx?: OpenTransaction): Doc[] {
    const docs: Doc[] = []
    const keys = new Set(this.byCollection.get(collection) ?? [])
    if (tx) for (const key of tx.writes.keys()) if (collectionOf(key) === collection) keys.add(key)
    for (const key of keys) {
      const doc = tx?.writes.has(key) ? tx.writes.get(key) : this.committed(key, tx?.snapshot)
      if (doc) docs.push(doc)
    }
    return docs
  }

  private commitWrite(key: string, doc: Doc | null): void {
    this.seq += 1
    const history = this.histories.get(key) ?? []
    history.push({ seq: this.seq, doc: doc === null ? null : structuredClone(doc) })
    // Keep only the versions an open snapshot can still read.
    const oldest = Math.min(...[...this.open.values()].map((t) => t.snapshot), Number.POSITIVE_INFINITY)
    while (history.length > 1 && history[1].seq <= oldest) history.shift()
    this.histories.set(key, history)
    const collection = collectionOf(key)
    const keys = this.byCollection.get(collection) ?? new Set()
    keys.add(key)
    this.byCollection.set(collection, keys)
  }

  private checkUnique(collection: string, doc: Doc, others: Doc[]): void {
    for (const fields of this.collectionRules(collection).unique) {
      const clash = others.find((o) => o._id !== doc._id && fields.every((f) => valueAt(o, f) === valueAt(doc, f)))
      if (clash) {
        throw new DatabaseError(
          'DATABASE_REQUEST_FAILED',
          `[ResourceUnavailable] E11000 duplicate key error collection: ${collection} index: ${fields.join('_')} dup key`,
        )
      }
    }
  }

  /** A write of one document, inside a transaction (buffered, conflicting early) or committed at once. */
  private write(collection: string, id: string, doc: Doc | null, tx?: OpenTransaction): void {
    const key = keyOf(collection, id)
    if (doc) this.checkUnique(collection, doc, this.visible(collection, tx))
    if (!tx) {
      this.commitWrite(key, doc)
      return
    }
    const heldElsewhere = [...this.open.values()].some((other) => other !== tx && !other.aborted && other.writes.has(key))
    if (heldElsewhere || this.lastSeq(key) > tx.snapshot) {
      tx.aborted = true
      throw conflict()
    }
    tx.writes.set(key, doc === null ? null : structuredClone(doc))
  }

  find(collection: string, filter: Doc, page: Page, transactionId?: string): Doc[] {
    this.collectionRules(collection)
    const tx = this.transaction(transactionId)
    let cursor = find(this.visible(collection, tx), filter)
    if (page.order && Object.keys(page.order).length > 0) cursor = cursor.sort(page.order)
    if (page.offset) cursor = cursor.skip(page.offset)
    if (page.limit !== undefined) cursor = cursor.limit(page.limit)
    return cursor.all() as Doc[]
  }

  /** An aggregation pipeline over the committed documents (the SDK has no aggregation in a transaction). */
  aggregate(collection: string, pipeline: Doc[]): Doc[] {
    this.collectionRules(collection)
    return aggregate(this.visible(collection), pipeline) as Doc[]
  }

  count(collection: string, filter: Doc): number {
    return this.find(collection, filter, {}).length
  }

  insert(collection: string, docs: Doc[], transactionId?: string): string[] {
    this.collectionRules(collection)
    const tx = this.transaction(transactionId)
    const existing = new Set(this.visible(collection, tx).map((d) => d._id))
    const withIds = docs.map((d) => ({ ...d, _id: d._id ?? randomBytes(16).toString('hex') }))
    for (const doc of withIds) {
      if (existing.has(doc._id)) {
        throw new DatabaseError(
          'DATABASE_REQUEST_FAILED',
          `[ResourceUnavailable] E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: "${doc._id}" }`,
        )
      }
      existing.add(doc._id)
    }
    for (const doc of withIds) this.write(collection, String(doc._id), doc, tx)
    return withIds.map((d) => String(d._id))
  }

  /** Answers how many documents changed (an update that leaves a document as it was does not count) and an upserted id. */
  modify(collection: string, filter: Doc, data: Doc, how: Modification, transactionId?: string) {
    this.collectionRules(collection)
    const tx = this.transaction(transactionId)
    const hits = this.find(collection, filter, how.multi ? {} : { limit: 1 }, transactionId)
    if (hits.length === 0 && how.upsert && typeof filter._id === 'string') {
      this.write(collection, filter._id, { ...(how.merge ? {} : data), _id: filter._id }, tx)
      if (how.merge) this.modify(collection, filter, data, { ...how, upsert: false }, transactionId)
      return { updated: 0, upsertId: filter._id }
    }
    let updated = 0
    for (const hit of hits) {
      const next = how.merge ? structuredClone(hit) : { ...structuredClone(data), _id: hit._id }
      if (how.merge) {
        if ('_id' in (data.$set ?? {}) || '_id' in data) throw new DatabaseError('DATABASE_REQUEST_FAILED', '不能更新_id的值')
        applyModifier(next, asModifier(data), undefined, undefined, { cloneMode: 'deep' })
      }
      if (JSON.stringify(next) === JSON.stringify(hit)) continue
      this.write(collection, String(hit._id), next, tx)
      updated += 1
    }
    return { updated, upsertId: undefined as string | undefined }
  }

  remove(collection: string, filter: Doc, multi: boolean, transactionId?: string): number {
    const tx = this.transaction(transactionId)
    const hits = this.find(collection, filter, multi ? {} : { limit: 1 }, transactionId)
    for (const hit of hits) this.write(collection, String(hit._id), null, tx)
    return hits.length
  }

  startTransaction(): string {
    const id = randomBytes(12).toString('hex')
    this.open.set(id, { snapshot: this.seq, writes: new Map(), aborted: false })
    return id
  }

  /** The keys a commit would write, for the emulator to serialise them. */
  pendingKeys(transactionId: string): string[] {
    return [...(this.open.get(transactionId)?.writes.keys() ?? [])]
  }

  commitTransaction(transactionId: string): void {
    const tx = this.transaction(transactionId)
    if (!tx) return
    this.open.delete(transactionId)
    for (const key of tx.writes.keys()) if (this.lastSeq(key) > tx.snapshot) throw conflict()
    for (const [key, doc] of tx.writes) {
      if (doc) {
        const others = this.visible(collectionOf(key)).filter((o) => o._id !== idOf(key))
        this.checkUnique(collectionOf(key), doc, others)
      }
    }
    for (const [key, doc] of tx.writes) this.commitWrite(key, doc)
  }

  abortTransaction(transactionId: string): void {
    this.open.delete(transactionId)
  }

  /** A collection's committed documents, for tests to read the books as stored. */
  documents(collection: string): Doc[] {
    return structuredClone(this.visible(collection))
  }

  /** The collections that hold or held a document. */
  collectionNames(): string[] {
    return [...this.byCollection.keys()].sort()
  }

  /** How many document writes were committed: a test counts what a request wrote. */
  get commits(): number {
    return this.seq
  }

  /** How many transactions are open: a finished test expects none left behind. */
  get openTransactions(): number {
    return this.open.size
  }
}
