import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { DemoPerson, DevLogin, FunctionName } from '../../../types/api'
import type { ApiResult, ErrorCode } from '../../../types/errors'
import { JOBS } from '../app/jobs'
import { JOB_BUDGET_MS, deadline } from '../app/job-runs'
import { toMemberView } from '../app/members'
import { IMAGE_KINDS, MAX_IMAGE_BYTES } from '../core/images'
import { FUNCTIONS } from '../functions/registry'
import { HTTP_STATUS, dispatch } from '../functions/runtime'
import type { Store } from '../store/port'
import type { HostClock } from './clock'
import { LocalPayProvider } from './pay'
import type { SessionKeys } from './sessions'

export interface HostOptions {
  store: Store
  clock: HostClock
  sessions: SessionKeys
  /** The demo people offered at dev sign-in (ids and labels). */
  people: readonly { id: string; label: string }[]
  /** The built H5 app (dist/h5); null serves the API only. */
  appDir: string | null
  mediaDir: string
  /** Where `POST /dev/upload` keeps members' images (served under /media/uploads/); absent: uploads are off. */
  uploadDir?: string | null
}

export interface JobRun {
  at: string
  result: unknown
}

const MAX_BODY_BYTES = 1024 * 1024
/** How often the local content security stand-in delivers the image verdicts it owes. */
const MEDIA_CHECK_EVERY_MS = 1000
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
}

class HttpFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  res.end(text)
}

function sendResult(res: http.ServerResponse, result: ApiResult<unknown>): void {
  send(res, result.ok ? 200 : HTTP_STATUS[result.code], result)
}

function fail(res: http.ServerResponse, code: ErrorCode, message: string): void {
  sendResult(res, { ok: false, code, message })
}

async function readBytes(req: http.IncomingMessage, limit: number, tooLarge: string): Promise<Buffer> {
  // A declared length over the limit is refused before a byte of the body is read.
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new HttpFailure('PAYLOAD_TOO_LARGE', tooLarge)
  // Events rather than an async iterator: a function call's body is one small chunk, and the
  // iterator's promise per chunk was a measurable part of every call.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      req.off('data', onData)
      req.pause()
      reject(new HttpFailure('PAYLOAD_TOO_LARGE', tooLarge))
    }
    req.on('data', onData)
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
    req.once('error', reject)
  })
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const text = (await readBytes(req, MAX_BODY_BYTES, '请求体超过 1 MB')).toString('utf8')
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpFailure('MALFORMED_JSON', '请求体不是合法的 JSON')
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Serves a file under `root` when the URL path names one; false when it does not. */
function serveFile(res: http.ServerResponse, root: string, urlPath: string, immutable: boolean): boolean {
  let relative: string
  try {
    relative = decodeURIComponent(urlPath)
  } catch {
    return false
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`)
  if (!file.startsWith(path.resolve(root) + path.sep)) return false
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    return false
  }
  if (!stat.isFile()) return false
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  fs.createReadStream(file).pipe(res)
  return true
}

/**
 * The local host: the H5 app, the function API over the same handlers CloudBase runs, dev sign-in,
 * the host clock and the timer jobs. Identity comes only from the signed bearer token.
 */
export function createHost(options: HostOptions) {
  const { store, clock, sessions } = options
  const jobRuns = new Map<string, JobRun>()
  const pay = new LocalPayProvider(store, clock, options.uploadDir ?? null)

  async function runJob(name: string): Promise<JobRun | null> {
    const job = JOBS.find((j) => j.name === name)
    if (!job) return null
    const now = clock.now()
    // The same budget as in CloudBase: a run that stops for it goes on at the job's next interval.
    const run = { at: new Date(now).toISOString(), result: await job.run(store, now, pay, deadline(JOB_BUDGET_MS)) }
    jobRuns.set(name, run)
    return run
  }

  function callerOf(req: http.IncomingMessage): string | null {
    const header = req.headers.authorization
    if (!header) return null
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header)
    const memberId = match ? sessions.verify(match[1]) : null
    if (!memberId) throw new HttpFailure('UNAUTHENTICATED', '登录已失效，请重新登录')
    return memberId
  }

  /**
   * A signed-in member's image, kept under the name of its content (the same image twice is one
   * file): what `post.create` takes as `/media/uploads/<name>`, as production takes a cloud file id.
   */
  async function upload(req: http.IncomingMessage): Promise<{ url: string }> {
    if (!callerOf(req)) throw new HttpFailure('UNAUTHENTICATED', '请先登录')
    if (!options.uploadDir) throw new HttpFailure('NOT_FOUND', '本地上传未开启')
    const declared = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    const kind = IMAGE_KINDS.find((t) => t.type === declared)
    if (!kind) throw new HttpFailure('INVALID_PAYLOAD', '只支持 JPEG、PNG 或 WebP 图片')
    const bytes = await readBytes(req, MAX_IMAGE_BYTES, '图片超过 2 MB，请换一张小一些的')
    if (!kind.matches(bytes)) throw new HttpFailure('INVALID_PAYLOAD', '图片内容与格式不符，请换一张图片')
    const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${kind.ext}`
    const file = path.join(options.uploadDir, name)
    if (!fs.existsSync(file)) {
      fs.mkdirSync(options.uploadDir, { recursive: true })
      // Written aside and renamed, so a reader never sees half an image.
      const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`
      fs.writeFileSync(partial, bytes)
      fs.renameSync(partial, file)
    }
    return { url: `/media/uploads/${name}` }
  }

  async function people(): Promise<DemoPerson[]> {
    const members = await store.findMembers(options.people.map((p) => p.id))
    return options.people.flatMap((p) => {
      const member = members.find((m) => m.id === p.id)
      return member ? [{ id: p.id, label: p.label, member: toMemberView(member) }] : []
    })
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const method = req.method ?? 'GET'

    const api = /^\/api\/([^/]+)$/.exec(url.pathname)
    if (api) {
      if (method !== 'POST') return fail(res, 'UNKNOWN_ACTION', '请用 POST 调用函数')
      const name = api[1]
      const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name as FunctionName] : undefined
      if (!fn) return fail(res, 'UNKNOWN_FUNCTION', `没有名为 ${name.slice(0, 64)} 的函数`)
      const memberId = callerOf(req)
      const event = await readJson(req)
      return sendResult(res, await dispatch(fn, event, { store, pay, now: clock.now(), memberId }))
    }

    if (url.pathname === '/dev/upload' && method === 'POST') return send(res, 200, { ok: true, data: await upload(req) })
    if (url.pathname === '/dev/people' && method === 'GET') return send(res, 200, { ok: true, data: await people() })
    if (url.pathname === '/dev/login' && method === 'POST') {
      const body = await readJson(req)
      const as = isPlainObject(body) ? body.as : undefined
      const person = typeof as === 'string' ? (await people()).find((p) => p.id === as) : undefined
      if (!person) return fail(res, 'UNKNOWN_PERSON', '没有这个演示身份')
      const login: DevLogin = { token: sessions.issue(person.id), member: person.member }
      return send(res, 200, { ok: true, data: login })
    }
    if (url.pathname === '/dev/pay' && method === 'POST') {
      const body = await readJson(req)
      const orderId = isPlainObject(body) ? body.orderId : undefined
      const duplicate = isPlainObject(body) ? body.duplicate : undefined
      if (typeof orderId !== 'string' || (duplicate !== undefined && typeof duplicate !== 'boolean')) {
        return fail(res, 'INVALID_PAYLOAD', '需要 {"orderId": "...", "duplicate"?: true}')
      }
      const answer = await pay.pay(orderId, duplicate === true)
      if (!answer) return fail(res, 'ORDER_NOT_FOUND', duplicate ? '这个订单还没有支付通知可以重发' : '订单不存在')
      return send(res, 200, { ok: true, data: answer })
    }
    if (url.pathname === '/dev/media-checks' && method === 'POST') {
      return send(res, 200, { ok: true, data: { settled: await pay.settleImages() } })
    }
    if (url.pathname === '/dev/shipping' && method === 'GET') return send(res, 200, { ok: true, data: pay.shippingUploads })
    if (url.pathname === '/dev/messages' && method === 'GET') return send(res, 200, { ok: true, data: await store.listMessages(0, 100) })
    if (url.pathname === '/dev/clock') {
      if (method === 'POST') {
        const body = await readJson(req)
        if (isPlainObject(body) && Number.isSafeInteger(body.advanceMs) && Object.keys(body).length === 1) {
          clock.advance(body.advanceMs as number)
        } else if (
          isPlainObject(body) &&
          typeof body.set === 'string' &&
          Object.keys(body).length === 1 &&
          !Number.isNaN(Date.parse(body.set))
        ) {
          clock.set(Date.parse(body.set))
        } else {
          return fail(res, 'INVALID_PAYLOAD', '需要 {"advanceMs": 整数} 或 {"set": "ISO 时间"}')
        }
      } else if (method !== 'GET') {
        return fail(res, 'NOT_FOUND', '不支持的请求')
      }
      const now = clock.now()
      return send(res, 200, { ok: true, data: { now: new Date(now).toISOString(), nowMs: now } })
    }
    if (url.pathname === '/dev/jobs' && method === 'GET') {
      return send(res, 200, {
        ok: true,
        data: JOBS.map((job) => ({
          name: job.name,
          description: job.description,
          everyMs: job.everyMs,
          lastRun: jobRuns.get(job.name) ?? null,
        })),
      })
    }
    const job = /^\/dev\/jobs\/([^/]+)$/.exec(url.pathname)
    if (job && method === 'POST') {
      const run = await runJob(job[1])
      if (!run) return fail(res, 'UNKNOWN_JOB', `没有名为 ${job[1].slice(0, 64)} 的定时任务`)
      return send(res, 200, { ok: true, data: { job: job[1], ...run } })
    }

    if (method === 'GET' || method === 'HEAD') {
      if (
        url.pathname.startsWith('/media/uploads/') &&
        options.uploadDir &&
        serveFile(res, options.uploadDir, url.pathname.slice('/media/uploads/'.length), true)
      )
        return
      if (url.pathname.startsWith('/media/') && serveFile(res, options.mediaDir, url.pathname.slice('/media/'.length), false)) return
      if (options.appDir) {
        const immutable = /\.[0-9a-f]{6,}\.(js|css)$/.test(url.pathname)
        if (url.pathname !== '/' && serveFile(res, options.appDir, url.pathname, immutable)) return
        if (!url.pathname.startsWith('/api/') && !url.pathname.startsWith('/dev/') && !path.extname(url.pathname)) {
          if (serveFile(res, options.appDir, 'index.html', false)) return
        }
      }
    }
    return fail(res, 'NOT_FOUND', '没有这个地址')
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpFailure) {
        // The rest of an oversized body is never read, so the connection cannot carry another request.
        if (error.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close')
        return fail(res, error.code, error.message)
      }
      console.error('[host]', error)
      if (!res.headersSent) fail(res, 'INTERNAL', '服务暂时不可用，请稍后再试')
      else res.destroy()
    })
  })

  const timers: NodeJS.Timeout[] = []

  return {
    server,
    runJob,
    /** Listens on 127.0.0.1; port 0 picks a free one. Answers the URL. */
    async listen(port: number): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => resolve())
      })
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    },
    /** Runs every timer job on its interval (the local stand-in for CloudBase timer triggers). */
    startJobs(): void {
      for (const job of JOBS) {
        timers.push(
          setInterval(() => {
            runJob(job.name).catch((error: unknown) => console.error(`[job ${job.name}]`, error))
          }, job.everyMs).unref(),
        )
      }
      // WeChat answers an image check within seconds to minutes; the stand-in answers within one.
      timers.push(
        setInterval(() => {
          pay.settleImages().catch((error: unknown) => console.error('[media checks]', error))
        }, MEDIA_CHECK_EVERY_MS).unref(),
      )
    },
    async close(): Promise<void> {
      for (const timer of timers) clearInterval(timer)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type Host = ReturnType<typeof createHost>
