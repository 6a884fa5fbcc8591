import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analysePackage, qualityFailures } from '../support/miniprogram-ci'
import { allPages } from '../support/weapp-pages'

// Runs against `npm run build:weapp` output (the test command builds first).
describe('the mini program through miniprogram-ci, offline', () => {
  const root = path.resolve('dist/weapp')
  const pages = allPages(root)

  it('resolves every page, component, script, template and style of every package', async () => {
    const analysis = await analysePackage(root)
    expect(analysis.problems).toEqual([])
    expect([...analysis.pages].sort()).toEqual([...pages].sort())
  }, 120_000)

  it('passes every code-quality item of WeChat’s developer tools', async () => {
    const quality = await qualityFailures(root)
    expect(quality.failed).toEqual([])
    expect(quality.checked).toBeGreaterThanOrEqual(10)
  }, 120_000)
})

describe('miniprogram-ci finds what a broken package lacks', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-broken-weapp-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('names a component that does not exist and a page without its files', async () => {
    fs.mkdirSync(path.join(dir, 'pages/a'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/a/index', 'pages/b/index'] }))
    fs.writeFileSync(path.join(dir, 'app.js'), 'App({})')
    fs.writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ miniprogramRoot: './', compileType: 'miniprogram' }))
    fs.writeFileSync(path.join(dir, 'pages/a/index.js'), 'Page({})')
    fs.writeFileSync(path.join(dir, 'pages/a/index.wxml'), '<view/>')
    fs.writeFileSync(path.join(dir, 'pages/a/index.json'), JSON.stringify({ usingComponents: { gone: '../../gone' } }))
    const { problems } = await analysePackage(dir)
    expect(problems).toContainEqual(expect.stringMatching(/pages\/a\/index\.json: Couldn't resolve the Component "\.\.\/\.\.\/gone"/))
    expect(problems).toContainEqual(expect.stringMatching(/pages\/b\/index\.json: no pages\/b\/index\.(js|wxml)/))
  }, 120_000)
})
