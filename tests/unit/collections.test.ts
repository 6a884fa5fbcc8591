import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { COLLECTIONS, collectionSpec, deployTable } from '../../cloudfunctions/src/store/cloudbase/collections'

const root = path.resolve(__dirname, '../..')
const adapterDir = path.join(root, 'cloudfunctions/src/store/cloudbase')

/** The collection names the CloudBase adapter's code names. */
function usedByAdapter(): Set<string> {
  const used = new Set<string>()
  for (const file of fs.readdirSync(adapterDir).filter((f) => f.endsWith('.ts') && f !== 'collections.ts')) {
    const source = fs.readFileSync(path.join(adapterDir, file), 'utf8')
    for (const m of source.matchAll(/collection\(\s*'([a-z_]+)'\s*\)/g)) used.add(m[1])
    // Helpers that take a collection by name are called with it as a literal argument.
    for (const m of source.matchAll(/\(\s*'([a-z_]+)'\s*,/g)) if (collectionSpec(m[1])) used.add(m[1])
  }
  return used
}

describe('the declared CloudBase collections', () => {
  it('are the deploy table README gives, word for word', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
    const start = readme.indexOf('| collection | indexes |')
    const table = readme.slice(start, readme.indexOf('\n\n', start)).trim()
    expect(table, `README's deploy table should read:\n${deployTable()}`).toBe(deployTable())
  })

  it('are exactly the collections the adapter uses', () => {
    const declared = COLLECTIONS.map((c) => c.name).sort()
    expect([...usedByAdapter()].sort()).toEqual(declared)
  })

  it('name each collection once, and each index once with at least one field', () => {
    const names = COLLECTIONS.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
    for (const c of COLLECTIONS) {
      const keys = c.indexes.map((i) => i.fields.join(','))
      expect(new Set(keys).size, c.name).toBe(keys.length)
      for (const i of c.indexes) expect(i.fields.length, c.name).toBeGreaterThan(0)
    }
  })
})
