/**
 * TEST DOUBLE: the CloudBase emulator in a process of its own, as the database is another machine in
 * production. A simulation whose clients and database share one event loop measures its own work: a
 * loaded loop fires the per-document write latency late, so queues look longer than the latency makes
 * them. The parent reaches the emulator over HTTP through the real SDK, and asks it what it counted
 * over the child process's message channel.
 */
import { type ChildProcess, fork } from 'node:child_process'
import path from 'node:path'

/** What the parent may ask the emulator's process; every question is answered once, by its `id`. */
type Ask = { ask: 'writesTo'; environment: string; collection: string } | { ask: 'drained' } | { ask: 'writeLatency'; ms: number }
export type Question = Ask & { id: number }

export interface Answer {
  id: number
  value?: unknown
  error?: string
}

export class EmulatorApart {
  private asked = 0
  private readonly waiting = new Map<number, (answer: Answer) => void>()

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: Answer | { url: string }) => {
      if ('id' in message) this.waiting.get(message.id)?.(message)
    })
  }

  /** Starts the emulator's process (the same TypeScript loader as this one) and waits for its address. */
  static async start(): Promise<EmulatorApart> {
    const child = fork(path.join(__dirname, 'apart-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (message: { url: string }) => resolve(message.url))
      child.once('exit', (code) => reject(new Error(`the emulator's process ended (${code}) before it listened`)))
    })
    return new EmulatorApart(child, url)
  }

  private ask<T>(question: Ask): Promise<T> {
    const id = (this.asked += 1)
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, (answer) => {
        this.waiting.delete(id)
        if (answer.error) reject(new Error(answer.error))
        else resolve(answer.value as T)
      })
      this.child.send({ id, ...question })
    })
  }

  /** How many writes queued on each document of a collection in an environment. */
  async writesTo(environment: string, collection: string): Promise<Map<string, number>> {
    return new Map(await this.ask<[string, number][]>({ ask: 'writesTo', environment, collection }))
  }

  /** Resolves once no write is queued on any document (writes whose callers gave up included). */
  drained(): Promise<void> {
    return this.ask({ ask: 'drained' })
  }

  /** How long a write holds its document from now on. */
  setWriteLatency(ms: number): Promise<void> {
    return this.ask({ ask: 'writeLatency', ms })
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.kill()
    await exited
  }
}
