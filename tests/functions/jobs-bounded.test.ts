import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { JOB_BUDGET_MS, TIMER_TIMEOUT_S, deadline } from '../../cloudfunctions/src/app/job-runs'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { rollupVisits } from '../../cloudfunctions/src/app/touchpoints'
import { shopDay } from '../../cloudfunctions/src/core/time'
import { STORE_ADAPTERS } from '../support/adapters'
import { NOW, books, pieces, shopWithDueWork } from '../support/due-work'

const FUNCTIONS_DIR = 'cloudfunctions/src/functions'
const configOf = (name: string) => JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIR, name, 'config.json'), 'utf8'))

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`timer jobs under a tiny budget, over ${adapter}`, () => {
    it('leave, job by job, the books one uninterrupted run leaves, and send nothing out twice', async () => {
      const whole = open()
      const sliced = open()
      const once = await shopWithDueWork(whole)
      const bit = await shopWithDueWork(sliced)
      expect(await books(sliced)).toEqual(await books(whole))
      // WeChat Pay answers the refunds later: one still waiting must not be sent again within a pass.
      for (const { platform } of [once, bit]) {
        platform.forget()
        platform.refundsAnswer = false
      }
      for (const job of JOBS) {
        expect(await job.run(whole, NOW, once.platform), job.name).toMatchObject({ done: true })
        // One piece of work a run, two rows a read: the next run goes on where the last one stopped.
        let runs = 0
        for (let done = false; !done; runs += 1) {
          if (runs === 1_000) throw new Error(`${job.name} never finished under its budget`)
          done = (await job.run(sliced, NOW, bit.platform, pieces(1, 2))).done
        }
        expect(runs, `${job.name} had more due than one run could do`).toBeGreaterThan(1)
        expect(await books(sliced), `books after ${job.name}`).toEqual(await books(whole))
      }
      expect(bit.platform.sent).toEqual(once.platform.sent)
      const { refunds, transfers, messages } = once.platform.sent
      // Three failed teams, three reviewed cases and three unanswered refunds; three resent transfers; three team messages.
      expect([refunds.size, transfers.size, messages.size]).toEqual([9, 3, 3])
      for (const counts of [refunds, transfers, messages]) expect([...counts.values()].every((n) => n === 1)).toBe(true)
    }, 120_000)

    it('rolls a day of visits into visits and visitors per channel, the same in one run or many', async () => {
      const counted = async (runs: (store: ReturnType<typeof open>) => Promise<void>) => {
        const store = open()
        const base = { scene: 0, shareCode: null, postId: null, campaignId: null, productId: null, path: 'pages/home/index' }
        const at = NOW - 60_000
        await store.recordTouch({ ...base, id: 'a', memberId: 'v1', at, channel: 'direct' })
        await store.recordTouch({ ...base, id: 'b', memberId: 'v1', at: at + 10, channel: 'direct' })
        await store.recordTouch({ ...base, id: 'c', memberId: null, at: at + 20, channel: 'direct' })
        await store.recordTouch({ ...base, id: 'd', memberId: null, at: at + 20, channel: 'direct' })
        await store.recordTouch({ ...base, id: 'e', memberId: 'v4', at: at + 30, channel: 'post:post1' })
        await store.recordTouch({ ...base, id: 'f', memberId: 'v4', at: at + 40, channel: 'post:post1' })
        await store.recordTouch({ ...base, id: 'g', memberId: 'v1', at: at + 50, channel: 'post:post1' })
        await runs(store)
        return store.listChannelDays(shopDay(NOW), shopDay(NOW))
      }
      const expected = [
        { day: shopDay(NOW), channel: 'direct', visits: 4, visitors: 3 },
        { day: shopDay(NOW), channel: 'post:post1', visits: 3, visitors: 2 },
      ]
      expect(
        await counted(async (store) => {
          expect((await rollupVisits(store, NOW)).done).toBe(true)
        }),
      ).toEqual(expected)
      expect(
        await counted(async (store) => {
          for (let runs = 0; !(await rollupVisits(store, NOW, pieces(1, 1))).done; runs += 1) {
            if (runs === 100) throw new Error('the rollup never finished under its budget')
          }
        }),
      ).toEqual(expected)
    })
  })
}

describe('timer function timeouts', () => {
  it('give every timer function a timeout its run budget fits in', () => {
    expect(JOB_BUDGET_MS).toBeLessThan(TIMER_TIMEOUT_S * 1000)
    for (const job of JOBS) expect(configOf(job.name).timeout, job.name).toBe(TIMER_TIMEOUT_S)
  })

  it('give every function a timeout within what WeChat allows (1–60 s)', () => {
    const names = fs.readdirSync(FUNCTIONS_DIR).filter((name) => fs.existsSync(path.join(FUNCTIONS_DIR, name, 'config.json')))
    expect(names.length).toBeGreaterThan(JOBS.length)
    for (const name of names) {
      const { timeout } = configOf(name)
      expect(Number.isInteger(timeout) && timeout >= 1 && timeout <= 60, `${name} timeout ${timeout}`).toBe(true)
    }
  })

  it('measure a run budget on the clock they are given', () => {
    let t = 1_000
    const budget = deadline(50, () => t)
    expect(budget.more()).toBe(true)
    t += 49
    expect(budget.more()).toBe(true)
    t += 1
    expect(budget.more()).toBe(false)
  })
})
