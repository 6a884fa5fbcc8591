import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface ShopProcess {
  url: string
  dbPath: string
  /** Stops the host gracefully; removes the database only when this process created its folder. */
  stop(): Promise<void>
  /** Kills the host outright (SIGKILL), as a crash or a pulled plug would, and keeps its database. */
  kill(): Promise<void>
}

export interface ShopProcessOptions {
  /** Start on this database (created and seeded when missing, never reseeded); default a fresh one in a temporary folder. */
  dbPath?: string
}

/**
 * Starts the local host the way `npm start` does (without building), as its own process on a free
 * port, and answers once it prints its URL.
 */
export async function startShopProcess(options: ShopProcessOptions = {}): Promise<ShopProcess> {
  const ownDir = options.dbPath === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-shop-')) : null
  const dbPath = options.dbPath ?? path.join(ownDir!, 'siyu.db')
  const child = spawn(process.execPath, ['--import', 'tsx', 'cloudfunctions/src/local/start.ts', '--no-build'], {
    cwd: path.resolve('.'),
    env: { ...process.env, SIYU_DB: dbPath, SIYU_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const running = () => child.exitCode === null && child.signalCode === null
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the local host did not start in time:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`the local host exited with ${code ?? signal}:\n${output}`))
    })
  })
  return {
    url,
    dbPath,
    async stop() {
      if (running()) {
        child.kill('SIGTERM')
        await exited
      }
      if (ownDir) fs.rmSync(ownDir, { recursive: true, force: true })
    },
    async kill() {
      if (running()) {
        child.kill('SIGKILL')
        await exited
      }
    },
  }
}
