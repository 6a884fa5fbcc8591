import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorCode } from '../../types/errors'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { HTTP_STATUS } from '../../cloudfunctions/src/functions/runtime'
import { startLocalShop } from '../../cloudfunctions/src/local/shop'
import { tableRows } from '../support/invariants'

let shop: Awaited<ReturnType<typeof startLocalShop>>
let dir: string
const tokens: Record<string, string> = {}
const KNOWN_CODES = new Set(Object.keys(HTTP_STATUS))

async function send(route: string, body: string, token?: string) {
  const res = await fetch(new URL(route, shop.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  })
  return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string; message?: string; data?: { token: string } } }
}

/** Hostile values: wrong types, huge and negative numbers, unicode, injection strings, other members' ids. */
const hostile = fc.oneof(
  fc.constantFrom(
    null,
    true,
    -1,
    0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    0.5,
    '',
    ' ',
    "' OR 1=1 --",
    '"; DROP TABLE orders; --',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '${7*7}',
    '\u0000',
    '\u202e逆序',
    '😀'.repeat(300),
    'x'.repeat(5_000),
    'consumer-v4',
    'operator',
    'koc',
    'o0000000000000000000000',
    [],
    {},
    { $ne: null },
    { $gt: '' },
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything(), { maxKeys: 3 }),
)

/** A payload for an action: nothing, a scalar, or an object whose keys are the action's usual ones and others. */
const payload = fc.oneof(
  hostile,
  fc.dictionary(
    fc.constantFrom(
      'id',
      'productId',
      'skuId',
      'orderId',
      'teamId',
      'campaignId',
      'postId',
      'topicId',
      'topicIds',
      'name',
      'description',
      'enabled',
      'commentId',
      'parentId',
      'creatorId',
      'cursor',
      'text',
      'order',
      'filter',
      'memberId',
      'amount',
      'requestId',
      'items',
      'address',
      'page',
      'pageSize',
      'cursor',
      'visitor',
      'status',
      'reason',
      'points',
      'title',
      'body',
      'images',
      'params',
      'frozen',
      'on',
      'confirm',
      'expectedPayable',
    ),
    hostile,
    { maxKeys: 6 },
  ),
)

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-fuzz-'))
  shop = await startLocalShop({ dbPath: path.join(dir, 'siyu.db'), port: 0, appDir: null, runJobs: false })
  for (const as of ['consumer-v1', 'operator']) tokens[as] = (await send('/dev/login', JSON.stringify({ as }))).body.data!.token
}, 60_000)
afterAll(async () => {
  await shop.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const actions = Object.values(FUNCTIONS).flatMap((fn) => Object.keys(fn.actions).map((action) => ({ fn: fn.name, action })))

describe('hostile payloads through the local host', () => {
  it.each(actions)('$fn · $action answers every malformed request with a typed 4xx and changes nothing', async ({ fn, action }) => {
    const samples = fc.sample(fc.tuple(payload, fc.constantFrom(undefined, 'consumer-v1', 'operator'), fc.boolean()), {
      numRuns: 40,
      seed: fn.length * 1000 + action.length,
    })
    const before = tableRows(shop.store)
    let accepted = 0
    for (const [data, who, wrapped] of samples) {
      // Half the requests break the envelope itself; the rest carry the payload as data.
      const body = wrapped ? JSON.stringify({ action, data }) : JSON.stringify(data)
      const answer = await send(`/api/${fn}`, body, who ? tokens[who] : undefined)
      expect(answer.status, `${fn}.${action} ${body.slice(0, 200)}`).toBeLessThan(500)
      if (answer.body.ok) {
        accepted += 1
        continue
      }
      expect(answer.status).toBeGreaterThanOrEqual(400)
      expect(KNOWN_CODES.has(answer.body.code as ErrorCode), String(answer.body.code)).toBe(true)
      expect(HTTP_STATUS[answer.body.code as ErrorCode]).toBe(answer.status)
      expect(typeof answer.body.message).toBe('string')
    }
    // Reads may accept some payloads; when nothing was accepted the database must be exactly as before.
    if (accepted === 0) expect(tableRows(shop.store)).toEqual(before)
  })

  it.each(actions)('$fn · $action refuses an array where its payload must be an object, changing nothing', async ({ fn, action }) => {
    const before = tableRows(shop.store)
    for (const who of ['consumer-v1', 'operator']) {
      const answer = await send(`/api/${fn}`, JSON.stringify({ action, data: [] }), tokens[who])
      // A member action refuses the payload itself; an operator action refuses the consumer first.
      if (answer.body.code !== 'FORBIDDEN')
        expect(answer.body, `${fn}.${action} as ${who}`).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    }
    expect(tableRows(shop.store)).toEqual(before)
  })

  it('refuses an array nested where an object is expected', async () => {
    const items = [{ skuId: 'p-longjing-s1', quantity: 1 }]
    const answer = await send('/api/order', JSON.stringify({ action: 'quote', data: { items: [[]] } }), tokens['consumer-v1'])
    expect(answer.body).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect((await send('/api/order', JSON.stringify({ action: 'quote', data: { items } }), tokens['consumer-v1'])).body.code).not.toBe(
      'INVALID_PAYLOAD',
    )
  })

  it('refuses prototype keys, broken JSON and oversized bodies, and keeps serving', async () => {
    const before = tableRows(shop.store)
    for (const [fn, body] of [
      ['order', '{"action":"create","data":{"__proto__":{"admin":true},"requestId":"fuzz-0000001"}}'],
      ['distribution', '{"action":"withdraw","data":{"constructor":{"prototype":{"x":1}},"amount":100,"requestId":"fuzz-0000002"}}'],
      ['campaign', '{"action":"create","data":'],
      ['points', 'not json at all'],
      [
        'redeem',
        JSON.stringify({ action: 'redeem', data: { itemId: 'ri-cup', idempotencyKey: 'fuzz-0000003', note: 'x'.repeat(1_100_000) } }),
      ],
    ]) {
      const answer = await send(`/api/${fn}`, body, tokens['consumer-v1'])
      expect(answer.status).toBeGreaterThanOrEqual(400)
      expect(answer.status).toBeLessThan(500)
      expect(KNOWN_CODES.has(answer.body.code as string)).toBe(true)
    }
    expect(tableRows(shop.store)).toEqual(before)
    const alive = await send('/api/catalog', JSON.stringify({ action: 'products', data: {} }))
    expect(alive).toMatchObject({ status: 200, body: { ok: true } })
  })
})
