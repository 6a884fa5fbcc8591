import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compileWxml, compileWxss } from '../support/wechat-compilers'
import { allPages } from '../support/weapp-pages'

// Runs against `npm run build:weapp` output (the test command builds first).
describe('the mini program through WeChat’s own compilers', () => {
  const root = path.resolve('dist/weapp')
  const pages = allPages(root)

  it('compiles every WXML file of the main package and the subpackages with wcc', () => {
    const wxml = compileWxml(root)
    expect(wxml.error).toBeNull()
    for (const page of pages) expect(wxml.files).toContain(`${page}.wxml`)
    expect(wxml.outputBytes).toBeGreaterThan(0)
  })

  it('compiles every WXSS file, with the files they import, with wcsc', () => {
    const wxss = compileWxss(root)
    expect(wxss.error).toBeNull()
    for (const page of pages) expect(wxss.files).toContain(`${page}.wxss`)
    expect(wxss.files).toContain('app.wxss')
    expect(wxss.outputBytes).toBeGreaterThan(0)
  })
})

describe('the compilers refuse what WeChat refuses', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-wechat-compile-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('names an unclosed tag', () => {
    fs.writeFileSync(path.join(dir, 'index.wxml'), '<view><text>hi</view>')
    expect(compileWxml(dir).error).toMatch(/index\.wxml:1:\d+: expect end-tag `text`/)
  })

  it('names a broken rule and an import that is missing', () => {
    fs.writeFileSync(path.join(dir, 'index.json'), '{}')
    fs.writeFileSync(path.join(dir, 'index.wxss'), '.a { color: red; \n .b { ')
    expect(compileWxss(dir).error).toMatch(/index\.wxss\(2:\d+\)/)
    fs.writeFileSync(path.join(dir, 'index.wxss'), '@import "./missing.wxss";\n.a { color: red }')
    expect(compileWxss(dir).error).toMatch(/missing\.wxss. not found/)
  })
})
