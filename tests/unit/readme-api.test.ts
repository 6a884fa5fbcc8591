import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'

const apiReference = fs.readFileSync('docs/API.md', 'utf8')

describe('docs/API.md', () => {
  it('documents every action of every function and every timer job with its trigger', () => {
    const actions = Object.values(FUNCTIONS).flatMap((fn) => Object.keys(fn.actions).map((action) => `\`${fn.name}.${action}\``))
    const jobs = JOBS.map((job) => `\`${job.name}\` | \`${job.cron}\``)
    expect([...actions, ...jobs].filter((entry) => !apiReference.includes(entry))).toEqual([])
  })
})
