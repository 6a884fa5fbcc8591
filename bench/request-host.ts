import { type ChildProcess, spawn } from 'node:child_process'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { SessionKeys } from '../cloudfunctions/src/local/sessions'
import { startShopProcess } from '../tests/support/shop-process'
import type { Row } from './report'

const LOCAL = 'Local host throughput' as const
const SECONDS = 5
/** The check-in and its yardstick take turns, one second each, so the machine's drift over seconds slows both alike. */
const ROUNDS = 5
const CONNECTIONS = 10
/** More members than the host checks in over the measured seconds, so every check-in is a member's first of the day. */
const CHECK_IN_MEMBERS = 60_000
const FIXED_RATE = 1_000

/** The smallest JSON API node:http serves: parse the body, answer it. The yardstick for the host's own cost per request. */
const TRIVIAL_HANDLER = `
require('node:http').createServer((req, res) => {
  let body = ''
  req.on('data', (chunk) => (body += chunk))
  req.on('end', () => {
    const text = JSON.stringify({ ok: true, data: JSON.parse(body || '{}') })
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    res.end(text)
  })
}).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port + '/') })
`

async function startTrivialHandler(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', TRIVIAL_HANDLER], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))
    child.once('exit', (code) => reject(new Error(`the trivial handler exited with ${code}`)))
  })
  return { url, child }
}

interface Measured {
  perSecond: number
  p99Ms: number
  failures: number
}

interface Drive {
  body: unknown
  /** Each request's sign-in token, taken in turn across every round (each member checks in once). */
  token?: () => string
  rate?: number
  seconds?: number
}

async function drive(url: string, options: Drive): Promise<Measured> {
  const token = options.token
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: options.seconds ?? SECONDS,
    ...(options.rate ? { overallRate: options.rate } : {}),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options.body),
    requests: [
      {
        setupRequest: (request) => (token ? { ...request, headers: { ...request.headers, authorization: `Bearer ${token()}` } } : request),
      },
    ],
  })
  return { perSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, failures: result.errors + result.non2xx }
}

/** Two targets driven in turn, one second at a time, after a round each to warm up; answers each one's requests per second over its measured rounds. */
async function alternately(a: { url: string } & Drive, b: { url: string } & Drive): Promise<[Measured, Measured]> {
  const rounds: [Measured[], Measured[]] = [[], []]
  // One unmeasured round each first: a process just started serves several times slower until V8 has compiled its hot paths.
  await drive(a.url, { ...a, seconds: SECONDS / ROUNDS })
  await drive(b.url, { ...b, seconds: SECONDS / ROUNDS })
  for (let round = 0; round < ROUNDS; round += 1) {
    rounds[0].push(await drive(a.url, { ...a, seconds: SECONDS / ROUNDS }))
    rounds[1].push(await drive(b.url, { ...b, seconds: SECONDS / ROUNDS }))
  }
  const overall = (measured: Measured[]): Measured => ({
    perSecond: Math.round(measured.reduce((sum, m) => sum + m.perSecond, 0) / measured.length),
    p99Ms: Math.max(...measured.map((m) => m.p99Ms)),
    failures: measured.reduce((sum, m) => sum + m.failures, 0),
  })
  return [overall(rounds[0]), overall(rounds[1])]
}

/** Members written straight into the shop's database (setup, not measured), with sign-in tokens. */
function checkInMembers(dbPath: string): string[] {
  const ids = Array.from({ length: CHECK_IN_MEMBERS }, (_, i) => `host-checkin-${i}`)
  const db = new Database(dbPath)
  db.pragma('busy_timeout = 5000')
  const insertMember = db.prepare(
    "INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at) VALUES (?, ?, '', 1, '[\"consumer\"]', ?, ?)",
  )
  const insertStanding = db.prepare('INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, 1, ?, ?)')
  const now = Date.now()
  db.transaction(() => {
    for (const id of ids) {
      insertMember.run(id, id, `H${id.toUpperCase()}`, now)
      insertStanding.run(id, now, now + 365 * 86_400_000)
    }
  })()
  db.close()
  const sessions = new SessionKeys(`${dbPath}.secret`)
  return ids.map((id) => sessions.issue(id))
}

/**
 * The local host against a trivial node:http JSON handler in the same run (check-in), and
 * `catalog.products` held at a fixed 1 000 requests a second, beside what it serves flat out.
 */
export async function requestHostBench(): Promise<Row[]> {
  const shop = await startShopProcess()
  const trivial = await startTrivialHandler()
  try {
    const tokens = checkInMembers(shop.dbPath)
    let next = 0
    const [baseline, checkIns] = await alternately(
      { url: trivial.url, body: { action: 'checkIn', data: {} } },
      {
        url: new URL('/api/points', shop.url).toString(),
        body: { action: 'checkIn', data: {} },
        token: () => tokens[next++ % tokens.length],
      },
    )
    const catalog = new URL('/api/catalog', shop.url).toString()
    const products = { action: 'products', data: { pageSize: 10, sort: 'sales' } }
    const flatOut = await drive(catalog, { body: products })
    const held = await drive(catalog, { body: products, rate: FIXED_RATE })
    return [
      { metric: 'trivial node:http JSON handler requests/s', value: baseline.perSecond, unit: 'req/s', section: LOCAL },
      { metric: 'check-ins per second, flat out (local host)', value: checkIns.perSecond, unit: 'ops/s', section: LOCAL },
      { metric: 'check-in failures, flat out (local host)', value: checkIns.failures, unit: 'count', expected: 0, section: LOCAL },
      {
        metric: 'local host check-in vs trivial node:http handler',
        value: Math.round((checkIns.perSecond / baseline.perSecond) * 1000) / 10,
        unit: '%',
        atLeast: 20,
        section: LOCAL,
      },
      { metric: 'catalog.products requests/s, flat out', value: flatOut.perSecond, unit: 'req/s', section: LOCAL },
      {
        metric: `catalog.products headroom over ${FIXED_RATE} req/s`,
        value: Math.round((flatOut.perSecond / FIXED_RATE) * 10) / 10,
        unit: '×',
        atLeast: 2,
        section: LOCAL,
      },
      { metric: `catalog.products p99 at a fixed ${FIXED_RATE} req/s`, value: held.p99Ms, unit: 'ms', atMost: 10, section: LOCAL },
      {
        metric: `catalog.products failures at a fixed ${FIXED_RATE} req/s`,
        value: held.failures,
        unit: 'count',
        expected: 0,
        section: LOCAL,
      },
    ]
  } finally {
    trivial.child.kill()
    await shop.stop()
  }
}
