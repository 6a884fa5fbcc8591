import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { COLLECTIONS } from '../../cloudfunctions/src/store/cloudbase/store'

const readme = fs.readFileSync('README.md', 'utf8')

describe('README API section', () => {
  const actions = Object.values(FUNCTIONS).flatMap((fn) => Object.keys(fn.actions).map((action) => `${fn.name}.${action}`))

  it.each(actions)('documents %s', (name) => {
    expect(readme).toContain(`\`${name}\``)
  })

  it.each(JOBS.map((job) => job.name))('documents the timer job %s with its trigger', (name) => {
    expect(readme).toContain(`\`${name}\` | \`${JOBS.find((j) => j.name === name)!.cron}\``)
  })
})

describe('README collections table', () => {
  const table = readme.slice(readme.indexOf('| collection | indexes |'))
  const listed = [...table.slice(0, table.indexOf('\n\n')).matchAll(/^\| ([a-z_]+) \| /gm)]
    .map((m) => m[1])
    .filter((name) => name !== 'collection')

  it('lists exactly the collections the CloudBase adapter keeps', () => {
    expect([...listed].sort()).toEqual([...COLLECTIONS].sort())
  })
})
