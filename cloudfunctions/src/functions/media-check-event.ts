import * as v from 'valibot'
import { type MediaCheckOutcome, settleImageVerdict } from '../app/image-checks'
import type { Store } from '../store/port'
import type { CallbackAnswer } from './pay-callbacks'

/**
 * Who may not deliver a wxa_media_check event: any caller WeChat names in SOURCE (a member's app,
 * the IDE, the HTTP API, a timer, WeChat Pay) — in any link of the chain, and another function (scf).
 * The event comes from WeChat's message push, which names none of them; a call with no source at all
 * is refused too. Past the source, the event must name this mini program, a trace id this shop sent,
 * and the member it was sent for — trace ids are never shown to anyone.
 */
const CALLER_SOURCES = new Set([
  'wx_client',
  'wx_devtools',
  'wx_localdebug',
  'wx_http',
  'wx_trigger',
  'wx_paycallback',
  'wx_crawler',
  'scf',
])

const MediaCheckEvent = v.object({
  ToUserName: v.pipe(v.string(), v.maxLength(64)),
  FromUserName: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  CreateTime: v.pipe(v.number(), v.integer()),
  MsgType: v.literal('event'),
  Event: v.literal('wxa_media_check'),
  appid: v.pipe(v.string(), v.maxLength(64)),
  trace_id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/)),
  version: v.literal(2),
  errcode: v.optional(v.pipe(v.number(), v.integer())),
  result: v.optional(v.object({ suggest: v.picklist(['pass', 'review', 'risky']) })),
})

/**
 * The asynchronous verdict of security.mediaCheckAsync (the wxa_media_check message push): refused
 * when a caller sent it or it names another mini program, then applied once per trace id. A repeat,
 * a late one or one this shop never asked for is acknowledged (so WeChat stops pushing) and changes nothing.
 */
export async function onMediaCheckEvent(
  store: Store,
  event: unknown,
  origin: { source: string | undefined; appId: string },
  now: number,
): Promise<CallbackAnswer & { outcome?: MediaCheckOutcome }> {
  const links = (origin.source ?? '').split(',').map((link) => link.trim())
  if (links.some((link) => link === '' || CALLER_SOURCES.has(link))) return { errcode: 403, errmsg: 'WRONG_SOURCE' }
  const parsed = v.safeParse(MediaCheckEvent, event)
  if (!parsed.success) return { errcode: 400, errmsg: 'INVALID_EVENT' }
  const push = parsed.output
  if (!origin.appId || push.appid !== origin.appId) return { errcode: 403, errmsg: 'WRONG_APP' }
  const failed = (push.errcode ?? 0) !== 0
  if (!failed && !push.result) return { errcode: 400, errmsg: 'INVALID_EVENT' }
  const verdict = failed ? 'review' : (push.result?.suggest ?? 'review')
  const outcome = await settleImageVerdict(store, { traceId: push.trace_id, openid: push.FromUserName, verdict }, now)
  if (outcome === 'foreign') return { errcode: 403, errmsg: 'WRONG_MEMBER', outcome }
  return { errcode: 0, errmsg: 'OK', outcome }
}
