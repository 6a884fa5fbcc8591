import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface ShopProcess {
  url: string
  dbPath: string
  stop(): Promise<void>
}

/**
 * Starts the local host the way `npm start` does (without building), as its own process on a free
 * port with a fresh database, and answers once it prints its URL.
 */
export async function startShopProcess(): Promise<ShopProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-shop-'))
  const dbPath = path.join(dir, 'siyu.db')
  const child = spawn(process.execPath, ['--import', 'tsx', 'cloudfunctions/src/local/start.ts', '--no-build'], {
    cwd: path.resolve('.'),
    env: { ...process.env, SIYU_DB: dbPath, SIYU_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
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
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the local host exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    dbPath,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
