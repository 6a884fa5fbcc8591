import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { COLLECTIONS } from '../../cloudfunctions/src/store/cloudbase/store'

const readme = fs.readFileSync('README.md', 'utf8')
const apiReference = fs.readFileSync('docs/API.md', 'utf8')

describe('docs/API.md', () => {
  it('documents every action of every function and every timer job with its trigger', () => {
    const actions = Object.values(FUNCTIONS).flatMap((fn) => Object.keys(fn.actions).map((action) => `\`${fn.name}.${action}\``))
    const jobs = JOBS.map((job) => `\`${job.name}\` | \`${job.cron}\``)
    expect([...actions, ...jobs].filter((entry) => !apiReference.includes(entry))).toEqual([])
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
