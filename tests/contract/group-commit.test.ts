import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PointsDecision, PointsState } from '../../cloudfunctions/src/store/port'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'

const T0 = Date.parse('2026-11-20T04:00:00Z')

/** A grant of 10 points under `key`, decided on the state the store reads. */
const grantOf =
  (key: string) =>
  (state: PointsState): PointsDecision => ({
    account: { ...state.account, available: state.account.available + 10 },
    lots: [
      {
        id: key,
        memberId: state.account.memberId,
        source: 'adjustment',
        ref: key,
        amount: 10,
        remaining: 10,
        grantedAt: T0,
        expiresAt: T0 + 365 * 86_400_000,
        status: 'available',
      },
    ],
    entries: [{ id: key, memberId: state.account.memberId, kind: 'grant', source: 'adjustment', ref: key, delta: 10, at: T0, note: '' }],
  })

/** The next turn of the event loop: callbacks scheduled now run together in its check phase. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('the SQLite group commit', () => {
  let store: SqliteStore
  let commits: ReturnType<typeof vi.spyOn>

  beforeEach(() => {
    store = new SqliteStore(':memory:')
    // Each group commit is one immediate transaction, made through this method.
    commits = vi.spyOn(store as unknown as { groupCommit: () => unknown }, 'groupCommit')
  })

  afterEach(async () => {
    await store.close()
  })

  it('commits in one transaction the changes separate callbacks of one turn ask for, as requests read together are', async () => {
    await nextTurn()
    const asked: Promise<unknown>[] = []
    await new Promise<void>((resolve) => {
      for (const member of ['m1', 'm2', 'm3'])
        setImmediate(() => asked.push(store.updatePoints(member, `k:${member}`, grantOf(`k:${member}`))))
      setImmediate(resolve)
    })
    const updates = await Promise.all(asked)
    expect(updates.map((u) => (u as { outcome: string }).outcome)).toEqual(['applied', 'applied', 'applied'])
    expect(commits).toHaveBeenCalledTimes(1)
  })

  it('commits at once a change a commit’s continuation asks for, as no request can join it before the next turn', async () => {
    await store.updatePoints('m1', 'k:1', grantOf('k:1'))
    let turned = false
    setImmediate(() => {
      turned = true
    })
    expect((await store.updatePoints('m1', 'k:2', grantOf('k:2'))).outcome).toBe('applied')
    expect(turned).toBe(false)
    // Changes that continuation asks for together still share one transaction.
    const together = await Promise.all(['k:3', 'k:4', 'k:5'].map((key) => store.updatePoints('m1', key, grantOf(key))))
    expect(together.map((u) => u.applied?.account.available).sort((a = 0, b = 0) => a - b)).toEqual([30, 40, 50])
    expect(turned).toBe(false)
    expect(commits).toHaveBeenCalledTimes(3)
    expect((await store.findPoints('m1')).account.available).toBe(50)
  })

  it('waits for the turn again once the continuations a commit woke have run', async () => {
    await store.updatePoints('m1', 'k:1', grantOf('k:1'))
    await nextTurn()
    let turned = false
    setImmediate(() => {
      turned = true
    })
    expect((await store.updatePoints('m1', 'k:2', grantOf('k:2'))).outcome).toBe('applied')
    expect(turned).toBe(true)
  })

  it('fails only the refused change of a commit made at once, and answers the rest', async () => {
    await store.updatePoints('m1', 'k:1', grantOf('k:1'))
    const refused = store.updatePoints('m1', 'k:2', () => {
      throw new Error('refused')
    })
    const applied = store.updatePoints('m1', 'k:3', grantOf('k:3'))
    await expect(refused).rejects.toThrow('refused')
    expect((await applied).outcome).toBe('applied')
    expect(commits).toHaveBeenCalledTimes(2)
    expect(await store.hasPointsKey('k:2')).toBe(false)
    expect((await store.findPoints('m1')).account.available).toBe(20)
  })

  it('applies a batch once when no change is refused, and applies it again apart when one is', async () => {
    const decided = new Map<string, number>()
    const counted = (key: string) => (state: PointsState) => {
      decided.set(key, (decided.get(key) ?? 0) + 1)
      return grantOf(key)(state)
    }
    const batchOf = async (keys: string[], refuse?: string) => {
      await nextTurn()
      const asked: Promise<unknown>[] = []
      await new Promise<void>((resolve) => {
        for (const key of keys)
          setImmediate(() =>
            asked.push(
              store
                .updatePoints(
                  `m:${key}`,
                  key,
                  key === refuse
                    ? () => {
                        throw new Error('refused')
                      }
                    : counted(key),
                )
                .catch((error: Error) => error.message),
            ),
          )
        setImmediate(resolve)
      })
      return Promise.all(asked)
    }

    const clean = await batchOf(['a1', 'a2', 'a3'])
    expect(clean.map((u) => (u as { outcome: string }).outcome)).toEqual(['applied', 'applied', 'applied'])
    expect([...decided.values()]).toEqual([1, 1, 1])

    decided.clear()
    const refused = await batchOf(['b1', 'b2', 'b3'], 'b2')
    expect(refused.map((u) => (typeof u === 'string' ? u : (u as { outcome: string }).outcome))).toEqual(['applied', 'refused', 'applied'])
    // The first pass stopped and was rolled back when b2 threw; the second decided b1 again and b3, each apart.
    expect(Object.fromEntries(decided)).toEqual({ b1: 2, b3: 1 })
    expect(await store.hasPointsKey('b2')).toBe(false)
    expect((await store.findPoints('m:b1')).account.available).toBe(10)
    expect((await store.findPoints('m:b3')).account.available).toBe(10)
    expect(commits).toHaveBeenCalledTimes(2)
  })
})
