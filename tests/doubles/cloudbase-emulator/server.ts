/**
 * TEST DOUBLE: a CloudBase emulator, a small HTTP server on 127.0.0.1 that answers the database
 * requests the real wx-server-sdk sends when initialised with `serviceUrl` (the CloudBase cloud
 * cannot run here). Each environment name gets its own empty database. It keeps the server SDK's page
 * limits (100 documents by default, at most 1000), serialises writes to the same document with a
 * configurable latency, and injects faults: fail the Nth read or write, or apply a write and drop its answer.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { BSONRegExp, EJSON } from 'bson'
import { type CollectionRules, DatabaseError, type Doc, Environment } from './engine'

export interface EmulatorOptions {
  /** The collections that exist and their unique indexes; a request to any other fails as on CloudBase. */
  collections?: readonly CollectionRules[]
  /** How long a write holds its document; writes to one document queue behind each other. */
  writeLatencyMs?: number
}

const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.commitTransaction'])

const READS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments'])

/** EJSON as the SDK sends it, with regular expressions made JavaScript ones for mingo. */
function decode(text: string | undefined): Doc {
  if (!text) return {}
  const toNative = (value: unknown): unknown => {
    if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''))
    if (Array.isArray(value)) return value.map(toNative)
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNative(v)]))
    }
    return value
  }
  return toNative(EJSON.parse(text, { relaxed: true })) as Doc
}

const encode = (doc: Doc) => EJSON.stringify(doc, { relaxed: false })

/** The document a request names by `_id`, when it names exactly one: the unit writes queue on. */
function namedDocument(body: Doc): string {
  const id = decode(body.query)._id
  return `${body.envName}/${body.collectionName}/${typeof id === 'string' ? id : '*'}`
}

export class CloudbaseEmulator {
  private readonly environments = new Map<string, Environment>()
  private readonly queues = new Map<string, Promise<unknown>>()
  private writesSeen = 0
  private readsSeen = 0
  private readonly failingReads = new Set<number>()
  private readonly failing = new Set<number>()
  private readonly dropping = new Set<number>()
  writeLatencyMs: number
  requests = 0
  /** Writes that queued on each document ('env/collection/id'), applied or refused by their condition. */
  private readonly writesByDocument = new Map<string, number>()

  private constructor(
    private readonly server: http.Server,
    private readonly options: EmulatorOptions,
  ) {
    this.writeLatencyMs = options.writeLatencyMs ?? 0
  }

  static async start(options: EmulatorOptions = {}): Promise<CloudbaseEmulator> {
    const server = http.createServer()
    const emulator = new CloudbaseEmulator(server, options)
    server.on('request', (req, res) => emulator.serve(req, res))
    server.keepAliveTimeout = 60_000
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return emulator
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/admin`
  }

  environment(name: string): Environment {
    let env = this.environments.get(name)
    if (!env) {
      const declared = this.options.collections
      env = new Environment((collection) => (declared ? declared.find((c) => c.name === collection) : { name: collection, unique: [] }))
      this.environments.set(name, env)
    }
    return env
  }

  /** The Nth write from now (1 = the next) fails without being applied. */
  failWrite(nth: number): void {
    this.failing.add(this.writesSeen + nth)
  }

  /** The Nth read from now (1 = the next) fails. */
  failRead(nth: number): void {
    this.failingReads.add(this.readsSeen + nth)
  }

  /** How many writes queued on documents of a collection in one environment, per document id. */
  writesTo(environment: Environment, collection: string): Map<string, number> {
    const envName = [...this.environments].find(([, env]) => env === environment)?.[0]
    const prefix = `${envName}/${collection}/`
    return new Map(
      [...this.writesByDocument].filter(([unit]) => unit.startsWith(prefix)).map(([unit, n]) => [unit.slice(prefix.length), n]),
    )
  }

  /** The Nth write from now is applied, then its answer is lost (the connection drops). */
  dropAnswerOfWrite(nth: number): void {
    this.dropping.add(this.writesSeen + nth)
  }

  /** Resolves once no write is queued on any document (writes whose callers gave up included). */
  async drained(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()])
  }

  /** Forgets every failure and lost answer still to come. */
  clearFaults(): void {
    this.failing.clear()
    this.failingReads.clear()
    this.dropping.clear()
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise((resolve) => this.server.close(resolve))
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      this.requests += 1
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Doc
      let answer: Doc
      let drop = false
      try {
        if (WRITES.has(body.action)) {
          this.writesSeen += 1
          const nth = this.writesSeen
          if (this.failing.delete(nth)) throw new DatabaseError('SYS_ERR', `injected failure of write ${nth}`)
          drop = this.dropping.delete(nth)
          const units = this.unitsOf(body)
          for (const unit of units) this.writesByDocument.set(unit, (this.writesByDocument.get(unit) ?? 0) + 1)
          answer = await this.queued(units, () => this.handle(body))
        } else {
          if (READS.has(body.action)) {
            this.readsSeen += 1
            if (this.failingReads.delete(this.readsSeen)) throw new DatabaseError('SYS_ERR', `injected failure of read ${this.readsSeen}`)
          }
          answer = this.handle(body)
        }
      } catch (error) {
        if (!(error instanceof DatabaseError)) throw error
        answer = { code: error.code, message: error.message }
      }
      if (drop) {
        res.socket?.destroy()
        return
      }
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ requestId: `emulator-${this.requests}`, ...answer }))
    })
  }

  private unitsOf(body: Doc): string[] {
    if (body.action === 'database.commitTransaction') {
      const env = this.environment(body.envName)
      return env.pendingKeys(body.transactionId).map((key) => `${body.envName}/${key.replace('\u0000', '/')}`)
    }
    if (body.action === 'database.insertDocument') {
      return (body.data as string[]).map((d) => `${body.envName}/${body.collectionName}/${decode(d)._id ?? '*'}`)
    }
    const id = decode(body.query)._id
    if (typeof id === 'string' || (body.action !== 'database.modifyDocument' && body.action !== 'database.removeDocument'))
      return [namedDocument(body)]
    // A write by query holds the documents it matches when it arrives, as the database locks what it changes.
    try {
      const env = this.environment(body.envName)
      const matched = env.find(body.collectionName as string, decode(body.query), {}, body.transactionId as string | undefined)
      return matched.map((d) => `${body.envName}/${body.collectionName}/${d._id}`)
    } catch (error) {
      if (error instanceof DatabaseError) return [namedDocument(body)]
      throw error
    }
  }

  /** Runs a write once every document it touches is free, holding them for the write latency. */
  private async queued<T>(units: string[], write: () => T): Promise<T> {
    if (this.writeLatencyMs <= 0) return write()
    const sorted = [...new Set(units)].sort()
    const before = sorted.map((u) => this.queues.get(u) ?? Promise.resolve())
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    for (const unit of sorted) this.queues.set(unit, held)
    await Promise.all(before.map((p) => p.catch(() => undefined)))
    try {
      await new Promise((resolve) => setTimeout(resolve, this.writeLatencyMs))
      return write()
    } finally {
      release()
      for (const unit of sorted) if (this.queues.get(unit) === held) this.queues.delete(unit)
    }
  }

  private handle(body: Doc): Doc {
    const env = this.environment(body.envName)
    const collection = body.collectionName as string
    const tx = body.transactionId as string | undefined
    switch (body.action) {
      case 'database.getDocument': {
        const limit = Math.min(Number(body.limit ?? 100), 1000)
        const page = { order: decode(body.order), offset: Number(body.offset ?? 0), limit }
        const list = env.find(collection, decode(body.query), page, tx).map(encode)
        return { data: { list, offset: page.offset, limit } }
      }
      case 'database.aggregateDocuments': {
        const stages = (body.stages as { stageKey: string; stageValue: string }[]).map((s) => ({ [s.stageKey]: decode(s.stageValue) }))
        // The service answers at most 20 records when the pipeline has no $limit stage.
        const pipeline = stages.some((s) => '$limit' in s) ? stages : [...stages, { $limit: 20 }]
        return { data: { list: env.aggregate(collection, pipeline).map(encode) } }
      }
      case 'database.calculateDocument':
        return { data: { total: env.count(collection, decode(body.query)) } }
      case 'database.insertDocument':
        return { data: { insertedIds: env.insert(collection, (body.data as string[]).map(decode), tx) } }
      case 'database.modifyDocument': {
        const how = { merge: body.merge !== false, multi: body.multi !== false, upsert: body.upsert === true }
        const { updated, upsertId } = env.modify(collection, decode(body.query), decode(body.data), how, tx)
        return { data: { updated, upsert_id: upsertId } }
      }
      case 'database.removeDocument':
        return { data: { deleted: env.remove(collection, decode(body.query), body.multi !== false, tx) } }
      case 'database.startTransaction':
        return { transactionId: env.startTransaction() }
      case 'database.commitTransaction':
        env.commitTransaction(body.transactionId)
        return {}
      case 'database.abortTransaction':
        env.abortTransaction(body.transactionId)
        return {}
      default:
        throw new DatabaseError('INVALID_PARAM', `the emulator does not answer ${body.action}`)
    }
  }
}
