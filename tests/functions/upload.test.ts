import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalShop } from '../../cloudfunctions/src/local/shop'

let shop: Awaited<ReturnType<typeof startLocalShop>>
let dir: string
let token: string

/** A valid 1×1 PNG, built byte by byte (signature, IHDR, IDAT, IEND with their CRCs). */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1, 0)
  header.writeUInt32BE(1, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0xd9, 0x36, 0x3e]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-upload-'))
  shop = await startLocalShop({ dbPath: path.join(dir, 'siyu.db'), port: 0, appDir: null, runJobs: false })
  const res = await fetch(new URL('/dev/login', shop.url), { method: 'POST', body: JSON.stringify({ as: 'consumer-v1' }) })
  token = (await res.json()).data.token
})
afterAll(async () => {
  await shop.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function upload(body: Buffer, options: { type?: string; token?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': options.type ?? 'image/png' }
  const bearer = options.token === undefined ? token : options.token
  if (bearer) headers.authorization = `Bearer ${bearer}`
  const res = await fetch(new URL('/dev/upload', shop.url), { method: 'POST', headers, body: new Uint8Array(body) })
  return { status: res.status, body: await res.json() }
}

describe('local host: image upload for member posts', () => {
  it('refuses a visitor without a token, or with a forged one', async () => {
    expect(await upload(tinyPng(), { token: null })).toMatchObject({ status: 401, body: { ok: false, code: 'UNAUTHENTICATED' } })
    expect(await upload(tinyPng(), { token: 'forged.token' })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } })
  })

  it('refuses what is not a JPEG, PNG or WebP by its bytes and declared type', async () => {
    const png = tinyPng()
    expect(await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { type: 'image/svg+xml' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PAYLOAD' },
    })
    expect(await upload(Buffer.from('GIF89a-not-allowed-here'), { type: 'image/png' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PAYLOAD' },
    })
    // A PNG declared as a JPEG is refused: the bytes and the type must agree.
    expect(await upload(png, { type: 'image/jpeg' })).toMatchObject({ status: 400, body: { code: 'INVALID_PAYLOAD' } })
    expect(await upload(Buffer.alloc(0))).toMatchObject({ status: 400, body: { code: 'INVALID_PAYLOAD' } })
  })

  it('refuses an image over 2 MB with 413', async () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(2 * 1024 * 1024)])
    const { status, body } = await upload(big)
    expect(status).toBe(413)
    expect(body).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' })
  })

  it('keeps a valid image under its content hash beside the database and serves it back', async () => {
    const png = tinyPng()
    const { status, body } = await upload(png, { type: 'image/png; charset=binary' })
    expect(status).toBe(200)
    expect(body.data.url).toMatch(/^\/media\/uploads\/[a-f0-9]{32}\.png$/)
    // The same image again is the same file.
    expect((await upload(png)).body.data.url).toBe(body.data.url)
    expect(fs.readdirSync(path.join(dir, 'uploads'))).toEqual([body.data.url.split('/').pop()])

    const served = await fetch(new URL(body.data.url, shop.url))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
    expect((await fetch(new URL('/media/uploads/../siyu.db', shop.url))).status).toBe(404)
    expect((await fetch(new URL('/media/uploads/0000000000000000.png', shop.url))).status).toBe(404)

    // What the host answers is what a post takes.
    const created = await fetch(new URL('/api/post', shop.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        action: 'create',
        data: { title: '小样', body: '第一张自己拍的图', images: [body.data.url], productIds: [], requestId: 'upload-test-0001' },
      }),
    })
    expect(await created.json()).toMatchObject({ ok: true, data: { cover: body.data.url, status: 'pending' } })
  })
})

/** One request on a keep-alive agent of a single socket: a dead connection shows up as the next request failing. */
function postOn(agent: http.Agent, route: string, body: Buffer, headers: Record<string, string>) {
  return new Promise<{ status: number; connection: string | undefined; body: { ok: boolean; code?: string } }>((resolve, reject) => {
    const req = http.request(
      new URL(route, shop.url),
      { method: 'POST', agent, headers: { ...headers, 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        )
      },
    )
    // The server may close while the rest of an oversized body is still being sent; its answer is what counts.
    req.on('error', (error) => (req.headersSent ? undefined : reject(error)))
    req.end(body)
  })
}

describe('local host: after a body that is too large', () => {
  it.each([
    ['/api/redeem', 'application/json', Buffer.from(JSON.stringify({ action: 'items', data: { note: 'x'.repeat(1_100_000) } }))],
    ['/dev/upload', 'image/png', Buffer.concat([tinyPng(), Buffer.alloc(2 * 1024 * 1024)])],
  ])('%s answers 413, closes that connection, and the next request goes through', async (route, type, big) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const headers = { 'content-type': type, authorization: `Bearer ${token}` }
      const refused = await postOn(agent, route, big, headers)
      expect(refused).toMatchObject({ status: 413, connection: 'close', body: { ok: false, code: 'PAYLOAD_TOO_LARGE' } })
      const next = await postOn(agent, '/api/catalog', Buffer.from(JSON.stringify({ action: 'categories', data: {} })), {
        'content-type': 'application/json',
      })
      expect(next).toMatchObject({ status: 200, body: { ok: true } })
    } finally {
      agent.destroy()
    }
  })
})
