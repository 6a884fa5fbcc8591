import { describe, expect, it } from 'vitest'
import { READS_AT_ONCE, readEach } from '../../cloudfunctions/src/app/reads'

describe('reading one thing per key', () => {
  it('reads each distinct key once, twenty at a time at most, and answers every key what it read', async () => {
    // 45 keys, 41 of them distinct.
    const keys = Array.from({ length: 45 }, (_, i) => `k${i % 41}`)
    const read: string[] = []
    let inFlight = 0
    let most = 0
    const found = await readEach(keys, async (key) => {
      read.push(key)
      inFlight += 1
      most = Math.max(most, inFlight)
      await new Promise((resolve) => setTimeout(resolve, 1))
      inFlight -= 1
      return key.toUpperCase()
    })
    expect(read.sort()).toEqual([...new Set(keys)].sort())
    expect(most).toBe(READS_AT_ONCE)
    expect(found.size).toBe(41)
    expect(found.get('k0')).toBe('K0')
    expect(found.get('k40')).toBe('K40')
  })

  it('reads nothing for no keys', async () => {
    let reads = 0
    expect(await readEach([], async () => (reads += 1))).toEqual(new Map())
    expect(reads).toBe(0)
  })
})
