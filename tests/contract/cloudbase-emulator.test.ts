/**
 * What the CloudBase emulator (a test double) answers the real wx-server-sdk: MongoDB's matching
 * rules, the server SDK's page limits, `_id` uniqueness, snapshot transactions whose write–write
 * conflicts the SDK reruns at commit and `transact` reruns at a write, and the faults it injects.
 */
import { describe, expect, it } from 'vitest'
import type { CloudDatabase } from '../../cloudfunctions/src/store/cloudbase/database'
import { isDuplicateKey } from '../../cloudfunctions/src/store/cloudbase/database'
import { isTransactionConflict, transact } from '../../cloudfunctions/src/store/cloudbase/retry'
import { read } from '../../cloudfunctions/src/store/cloudbase/shared'
import { emulatedDatabase, emulatedEnvironment, emulator } from '../doubles/cloudbase-emulator/sdk'

const seed = async (db: CloudDatabase, docs: Record<string, unknown>[]) => {
  for (const data of docs) await db.collection('settings').add({ data })
}
const ids = (docs: { _id?: string }[]) => docs.map((d) => d._id).sort()

describe('the CloudBase emulator, through the real SDK', () => {
  it('counts the writes that queue on each document, a write by query on the documents it matches', async () => {
    const { db, environment } = await emulatedEnvironment()
    await seed(db, [
      { _id: 'a', n: 1 },
      { _id: 'b', n: 1 },
      { _id: 'c', n: 2 },
    ])
    await db
      .collection('settings')
      .where({ n: 1 })
      .update({ data: { seen: true } })
    await db
      .collection('settings')
      .where({ _id: 'c', n: db.command.gt(5) })
      .update({ data: { seen: true } })
    expect(Object.fromEntries((await emulator()).writesTo(environment, 'settings'))).toEqual({ a: 2, b: 2, c: 2 })
  })

  it('matches null to a null or missing field, and compares values of the same type only', async () => {
    const db = await emulatedDatabase()
    await seed(db, [{ _id: 'a', n: null }, { _id: 'b' }, { _id: 'c', n: 2 }, { _id: 'd', n: '3' }])
    expect(ids((await db.collection('settings').where({ n: null }).get()).data)).toEqual(['a', 'b'])
    expect(
      ids(
        (
          await db
            .collection('settings')
            .where({ n: db.command.gt(1) })
            .get()
        ).data,
      ),
    ).toEqual(['c'])
    expect(
      ids(
        (
          await db
            .collection('settings')
            .where({ n: db.command.in([2, '3']) })
            .get()
        ).data,
      ),
    ).toEqual(['c', 'd'])
  })

  it('answers 100 documents without a limit and at most 1000 with one', async () => {
    const db = await emulatedDatabase()
    await seed(db, [])
    await Promise.all(Array.from({ length: 1100 }, (_, i) => db.collection('settings').add({ data: { _id: `s${i}`, i } })))
    expect((await db.collection('settings').get()).data).toHaveLength(100)
    expect((await db.collection('settings').limit(1000).get()).data).toHaveLength(1000)
    expect((await db.collection('settings').skip(1000).limit(1000).get()).data).toHaveLength(100)
    expect((await db.collection('settings').count()).total).toBe(1100)
  })

  it('refuses a second document under one _id or one unique index value as a duplicate key, and a collection not declared', async () => {
    const db = await emulatedDatabase()
    await db.collection('settings').add({ data: { _id: 'tiers', v: 1 } })
    const again = await db
      .collection('settings')
      .add({ data: { _id: 'tiers', v: 2 } })
      .catch((e: unknown) => e)
    expect(isDuplicateKey(again)).toBe(true)
    expect((await db.collection('settings').doc('tiers').get()).data.v).toBe(1)
    await db.collection('members').add({ data: { _id: 'm1', shareCode: 'SAME2345' } })
    const sameCode = await db
      .collection('members')
      .add({ data: { _id: 'm2', shareCode: 'SAME2345' } })
      .catch((e: unknown) => e)
    expect(isDuplicateKey(sameCode)).toBe(true)
    expect((await db.collection('members').where({ _id: 'm2' }).get()).data).toEqual([])
    await expect(db.collection('no_such_collection').get()).rejects.toThrow()
  })

  it('reads a snapshot inside a transaction, and a transaction that only reads does not conflict', async () => {
    const db = await emulatedDatabase()
    await db.collection('settings').add({ data: { _id: 'x', n: 1 } })
    let attempts = 0
    const seen = await db.runTransaction(async (tx) => {
      attempts += 1
      const first = (await tx.collection('settings').doc('x').get()).data.n
      await db
        .collection('settings')
        .doc('x')
        .update({ data: { n: db.command.inc(10) } })
      const second = (await tx.collection('settings').doc('x').get()).data.n
      return [first, second]
    })
    expect(attempts).toBe(1)
    expect(seen[0]).toBe(seen[1])
  })

  it('reruns a transaction whose document moved before its commit (the SDK, at most 4 attempts)', async () => {
    const db = await emulatedDatabase()
    await db.collection('settings').add({ data: { _id: 'x', n: 0 } })
    let attempts = 0
    await db.runTransaction(async (tx) => {
      attempts += 1
      const { n } = (await tx.collection('settings').doc('x').get()).data
      await tx
        .collection('settings')
        .doc('x')
        .update({ data: { n: n + 1 } })
      if (attempts === 1)
        await db
          .collection('settings')
          .doc('x')
          .update({ data: { other: 1 } })
    })
    expect(attempts).toBe(2)
    expect((await db.collection('settings').doc('x').get()).data.n).toBe(1)

    let forever = 0
    const exhausted = await db
      .runTransaction(async (tx) => {
        forever += 1
        await tx
          .collection('settings')
          .doc('x')
          .update({ data: { n: db.command.inc(1) } })
        await db
          .collection('settings')
          .doc('x')
          .update({ data: { other: forever + 1 } })
      })
      .catch((e: unknown) => e)
    expect(forever).toBe(4)
    expect(isTransactionConflict(exhausted)).toBe(true)
    expect((await db.collection('settings').doc('x').get()).data.n).toBe(1)
  })

  it('lets the first of two transactions writing one document win, and transact reruns the other', async () => {
    const db = await emulatedDatabase()
    await db.collection('settings').add({ data: { _id: 'x', n: 0 } })
    const bump = async (tx: Parameters<Parameters<CloudDatabase['runTransaction']>[0]>[0]) => {
      const { n } = (await tx.collection('settings').doc('x').get()).data
      await new Promise((resolve) => setTimeout(resolve, 5))
      await tx
        .collection('settings')
        .doc('x')
        .update({ data: { n: n + 1 } })
    }
    const plain = await Promise.allSettled(Array.from({ length: 5 }, () => db.runTransaction(bump)))
    const lost = plain.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(lost.length).toBeGreaterThan(0)
    expect(lost.every((o) => isTransactionConflict(o.reason))).toBe(true)
    expect((await db.collection('settings').doc('x').get()).data.n).toBe(5 - lost.length)

    await Promise.all(Array.from({ length: 5 }, () => transact(db, bump)))
    expect((await db.collection('settings').doc('x').get()).data.n).toBe(10 - lost.length)
  })

  it('fails the Nth write unapplied, or applies it and loses its answer', async () => {
    const db = await emulatedDatabase()
    const running = await emulator()
    running.failWrite(1)
    await expect(db.collection('settings').add({ data: { _id: 'failed' } })).rejects.toThrow()
    expect((await db.collection('settings').where({ _id: 'failed' }).get()).data).toEqual([])
    running.dropAnswerOfWrite(1)
    await expect(db.collection('settings').add({ data: { _id: 'dropped' } })).rejects.toThrow()
    expect(ids((await db.collection('settings').where({ _id: 'dropped' }).get()).data)).toEqual(['dropped'])
  })

  it('reads a missing document as null, and a read that failed as a failure, in and out of transactions', async () => {
    const db = await emulatedDatabase()
    const running = await emulator()
    await db.collection('settings').add({ data: { _id: 'x', n: 1 } })
    expect(await read(db.collection('settings').doc('x'))).toMatchObject({ n: 1 })
    expect(await read(db.collection('settings').doc('missing'))).toBeNull()
    running.failRead(1)
    await expect(read(db.collection('settings').doc('x'))).rejects.toThrow()
    await db.runTransaction(async (tx) => {
      expect(await read(tx.collection('settings').doc('missing'))).toBeNull()
      running.failRead(1)
      await expect(read(tx.collection('settings').doc('x'))).rejects.toThrow()
    })
  })
})
