import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'

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
