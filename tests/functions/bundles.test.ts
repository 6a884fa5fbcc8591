import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { JOBS } from '../../cloudfunctions/src/app/jobs'

// Runs against `npm run build:functions` output (the test command builds first).
const sourceDir = path.resolve('cloudfunctions/src/functions')
const distDir = path.resolve('cloudfunctions/dist')
const names = fs.readdirSync(sourceDir).filter((name) => fs.existsSync(path.join(sourceDir, name, 'index.ts')))
const load = createRequire(import.meta.url)

describe('CloudBase function bundles', () => {
  it('exist for every function, business and timer', () => {
    expect(names).toEqual(
      expect.arrayContaining(['catalog', 'member', 'order', 'payCallback', 'refundCallback', ...JOBS.map((j) => j.name)]),
    )
    expect(fs.readdirSync(distDir).sort()).toEqual([...names].sort())
  })

  it.each(names)('%s exports main(event, context) with its package.json and config.json', (name) => {
    const bundle = load(path.join(distDir, name, 'index.js'))
    expect(typeof bundle.main).toBe('function')
    const manifest = JSON.parse(fs.readFileSync(path.join(distDir, name, 'package.json'), 'utf8'))
    expect(manifest).toMatchObject({ name, main: 'index.js' })
    expect(Object.keys(manifest.dependencies)).toEqual(['wx-server-sdk'])
    const config = JSON.parse(fs.readFileSync(path.join(distDir, name, 'config.json'), 'utf8'))
    expect(config.permissions).toHaveProperty('openapi')
  })

  it.each(names)('%s carries no local-host code (no SQLite, no dev routes)', (name) => {
    const text = fs.readFileSync(path.join(distDir, name, 'index.js'), 'utf8')
    expect(text).not.toMatch(/better-sqlite3|\/dev\/login|\/dev\/clock/)
  })

  it.each(['payCallback', 'refundCallback'])('%s refuses a call that is not from WeChat Pay', async (name) => {
    const { main } = load(path.join(distDir, name, 'index.js'))
    expect(await main({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'o1', transactionId: 't1', totalFee: 1 }, {})).toEqual({
      errcode: 403,
      errmsg: 'WRONG_SOURCE',
    })
  })

  it.each(JOBS.map((job) => job.name))('timer %s has its trigger and refuses a direct call', async (name) => {
    const config = JSON.parse(fs.readFileSync(path.join(distDir, name, 'config.json'), 'utf8'))
    expect(config.triggers).toEqual([{ name: `${name}Timer`, type: 'timer', config: JOBS.find((j) => j.name === name)!.cron }])
    const { main } = load(path.join(distDir, name, 'index.js'))
    expect(await main({}, {})).toMatchObject({ ok: false, code: 'WRONG_SOURCE' })
  })
})
