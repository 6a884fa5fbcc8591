import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { WEAPP_JS_FILE_BUDGET, WEAPP_MAIN_BUDGET, WEAPP_MAIN_LIMIT, weappSizes } from '../../bench/package-size'

// Runs against `npm run build:weapp` output (the test command builds first).
describe('weapp package budget', () => {
  const sizes = weappSizes(path.resolve('dist/weapp'))

  it('keeps the main package within 440 KiB', () => {
    expect(sizes.mainBytes).toBeGreaterThan(0)
    expect(sizes.mainBytes).toBeLessThanOrEqual(WEAPP_MAIN_BUDGET)
  })

  it('keeps every JS file under 500 KB', () => {
    expect(sizes.largestJs.bytes).toBeLessThanOrEqual(WEAPP_JS_FILE_BUDGET)
  })

  it('puts the domain pages in subpackages, the staff console among them, each within WeChat’s 2 MB', () => {
    expect(Object.keys(sizes.subpackages).length).toBeGreaterThanOrEqual(2)
    expect(sizes.subpackages['packages/ops/']).toBeGreaterThan(0)
    for (const [root, bytes] of Object.entries(sizes.subpackages)) expect(bytes, root).toBeLessThanOrEqual(WEAPP_MAIN_LIMIT)
  })
})

describe('weapp size measurement', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-weapp-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('counts files under a subpackage root apart from the main package and ignores source maps', () => {
    fs.mkdirSync(path.join(dir, 'packages/product'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ subPackages: [{ root: 'packages/product', pages: [] }] }))
    fs.writeFileSync(path.join(dir, 'app.js'), 'x'.repeat(1000))
    fs.writeFileSync(path.join(dir, 'app.js.map'), 'x'.repeat(5000))
    fs.writeFileSync(path.join(dir, 'packages/product/detail.js'), 'y'.repeat(3000))
    const sizes = weappSizes(dir)
    const appJson = fs.statSync(path.join(dir, 'app.json')).size
    expect(sizes.mainBytes).toBe(1000 + appJson)
    expect(sizes.subpackages).toEqual({ 'packages/product/': 3000 })
    expect(sizes.largestJs).toEqual({ file: 'packages/product/detail.js', bytes: 3000 })
  })
})
