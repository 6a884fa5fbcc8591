import * as v from 'valibot'
import type { ActionName, FunctionName, Req, Res } from '../../../types/api'
import type { ApiResult, ErrorCode } from '../../../types/errors'
import type { Member, StaffRole } from '../../../types/domain'
import { AppError } from '../app/errors'
import { registerMember } from '../app/members'
import { STAFF_ROLE_NAMES, mayAct, staffRolesOf } from '../core/staff'
import type { Platform } from '../wechat/ports'
import type { Store } from '../store/port'

export const HTTP_STATUS: Record<ErrorCode, number> = {
  MALFORMED_JSON: 400,
  INVALID_PAYLOAD: 400,
  UNKNOWN_FUNCTION: 404,
  UNKNOWN_ACTION: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  WRONG_SOURCE: 403,
  NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  CATEGORY_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  UNKNOWN_PERSON: 404,
  UNKNOWN_JOB: 404,
  PAYLOAD_TOO_LARGE: 413,
  SKU_NOT_FOUND: 404,
  OUT_OF_STOCK: 409,
  STOCK_HELD: 409,
  CART_FULL: 409,
  EMPTY_ORDER: 400,
  PRICE_CHANGED: 409,
  ORDER_NOT_FOUND: 404,
  ORDER_STATE: 409,
  REFUND_CLOSED: 409,
  REFUND_NOT_FOUND: 404,
  REFUND_STATE: 409,
  REFUND_KIND: 400,
  RETURN_ADDRESS_MISSING: 409,
  LINE_NOT_FOUND: 404,
  LINE_NOT_REFUNDABLE: 409,
  POINTS_CHANGED: 409,
  BIRTHDAY_LOCKED: 409,
  REDEEM_REFUSED: 409,
  SOLD_OUT: 409,
  POINTS_SHORT: 409,
  LIMIT_REACHED: 409,
  REDEMPTION_STATE: 409,
  ITEM_NOT_FOUND: 404,
  COUPON_INVALID: 409,
  NOT_DISTRIBUTOR: 403,
  DISTRIBUTOR_NOT_FOUND: 404,
  DISTRIBUTOR_FROZEN: 409,
  APPLICATION_STATE: 409,
  ATTESTATION_REQUIRED: 400,
  RULES_CHANGED: 409,
  WITHDRAW_TOO_SMALL: 400,
  BALANCE_SHORT: 409,
  DAILY_CAP: 409,
  GROUPBUY_NOT_FOUND: 404,
  GROUPBUY_CLOSED: 409,
  GROUPBUY_SOLD_OUT: 409,
  GROUPBUY_LIMIT: 409,
  TEAM_NOT_FOUND: 404,
  TEAM_FULL: 409,
  TEAM_CLOSED: 409,
  ALREADY_IN_TEAM: 409,
  OWN_TEAM: 409,
  TEAM_FORMING: 409,
  CAMPAIGN_NOT_FOUND: 404,
  CAMPAIGN_INVALID: 400,
  CAMPAIGN_EXISTS: 409,
  ACCOUNT_BUSY: 409,
  ADDRESS_NOT_FOUND: 404,
  ADDRESS_BOOK_FULL: 409,
  POST_NOT_FOUND: 404,
  POST_STATE: 409,
  POST_LIMIT: 409,
  TOPIC_NOT_FOUND: 404,
  TOPIC_EXISTS: 409,
  COMMENT_NOT_FOUND: 404,
  COMMENT_LIMIT: 409,
  COMMENT_DEPTH: 409,
  CREATOR_NOT_FOUND: 404,
  FOLLOW_SELF: 409,
  FOLLOW_LIMIT: 409,
  CONTENT_RISKY: 422,
  IMAGE_PENDING: 409,
  STAFF_LAST_OWNER: 409,
  SHIPPING_UPLOAD: 502,
  BUSY: 503,
  INTERNAL: 500,
}

/** Who may call an action: anyone, a signed-in member, or an operator. */
export type Access = 'public' | 'member' | 'operator'

/** What an action runs with; `Caller` is `Member` for member and operator actions, `Member | null` for public ones. */
export interface ActionContext<Caller extends Member | null = Member | null> {
  store: Store
  pay: Platform
  /** The host's clock, read once per call; core rules get time from here, never from the system. */
  now: number
  /** The caller as a member, or null for a signed-out visitor (public actions, and actions that read their caller themselves). */
  caller: Caller
  /** Who the platform says is calling, or null when signed out: what an action that reads its caller itself reads. */
  callerId: string | null
}

/** One action: who may call it, the schema its payload must pass, and what it does with the result of that schema. */
export interface ActionDef<Request = unknown, Response = unknown> {
  access: Access
  /** A member action that reads the member itself, in its own change: dispatch checks the sign-in only. */
  readsCaller?: true
  /** Operator actions: the staff roles that may run it (an owner may run every one). */
  staff?: readonly StaffRole[]
  input: v.GenericSchema<unknown, Request>
  run(ctx: ActionContext, request: Request): Promise<Response>
}

/** Every action of function `F`, each with the request and response `types/api.ts` declares for it. */
export type ActionsOf<F extends FunctionName> = { [A in ActionName<F>]: ActionDef<Req<F, A>, Res<F, A>> }

export interface FunctionDef<F extends FunctionName = FunctionName> {
  name: F
  actions: Record<string, ActionDef>
}

/**
 * A function's definition, checked against the contract: a missing or unknown action, a schema whose
 * output is not the action's request, or a handler that answers something else fails to compile.
 */
export function defineFunction<F extends FunctionName>(name: F, actions: ActionsOf<F>): FunctionDef<F> {
  return { name, actions }
}

/** An action anyone may call, signed in or not. */
export function forAnyone<Request, Response>(
  input: v.GenericSchema<unknown, Request>,
  run: (ctx: ActionContext, request: Request) => Promise<Response>,
): ActionDef<Request, Response> {
  return { access: 'public', input, run }
}

/** An action for signed-in members: the handler gets the caller as a member. */
export function forMembers<Request, Response>(
  input: v.GenericSchema<unknown, Request>,
  run: (ctx: ActionContext<Member>, request: Request) => Promise<Response>,
): ActionDef<Request, Response> {
  return { access: 'member', input, run: (ctx, request) => run(signedIn(ctx), request) }
}

/** What a member action that reads its caller itself runs with: the caller's id, the member not read yet. */
export interface MemberIdContext {
  store: Store
  pay: Platform
  now: number
  memberId: string
}

/**
 * An action for signed-in members that reads the member inside its own change, so the request is one
 * transaction: the handler gets the caller's id, and registers a caller its change does not find.
 */
export function forMembersById<Request, Response>(
  input: v.GenericSchema<unknown, Request>,
  run: (ctx: MemberIdContext, request: Request) => Promise<Response>,
): ActionDef<Request, Response> {
  return {
    access: 'member',
    readsCaller: true,
    input,
    run: ({ store, pay, now, callerId }, request) => {
      if (!callerId) throw new AppError('UNAUTHENTICATED', '请先登录')
      return run({ store, pay, now, memberId: callerId }, request)
    },
  }
}

/** An action for staff holding one of `roles` (owners hold them all): the handler gets the staff member. */
export function forStaff<Request, Response>(
  roles: readonly StaffRole[],
  input: v.GenericSchema<unknown, Request>,
  run: (ctx: ActionContext<Member>, request: Request) => Promise<Response>,
): ActionDef<Request, Response> {
  return { access: 'operator', staff: roles, input, run: (ctx, request) => run(signedIn(ctx), request) }
}

/** Dispatch refuses signed-out callers before a member or operator action runs; this keeps the type honest. */
function signedIn(ctx: ActionContext): ActionContext<Member> {
  const { caller } = ctx
  if (!caller) throw new AppError('UNAUTHENTICATED', '请先登录')
  return { ...ctx, caller }
}

/** Where the caller's identity comes from: the platform context, never the payload. */
export interface Invocation {
  store: Store
  pay: Platform
  now: number
  memberId: string | null
}

const EventSchema = v.object({
  action: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  // Passed on as sent: a record schema would copy `[]` into `{}` before the action's schema sees it.
  data: v.optional(
    v.union([v.custom<Record<string, unknown>>((d) => typeof d === 'object' && d !== null && !Array.isArray(d)), v.null_()]),
  ),
})

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Keys that could reach an object's prototype are refused anywhere in a payload. */
function hasPrototypeKey(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 32) return depth > 32
  return Object.keys(value).some((key) => FORBIDDEN_KEYS.has(key) || hasPrototypeKey((value as Record<string, unknown>)[key], depth + 1))
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0]
  const where = first.path?.map((p) => String(p.key)).join('.')
  return where ? `请求参数不正确（${where}）：${first.message}` : `请求参数不正确：${first.message}`
}

/**
 * Runs one call of a function: validates the event, resolves the caller from the invocation's
 * identity, checks access, validates the payload and runs the action. Every failure becomes a typed
 * error; only a bug becomes INTERNAL, and its details stay in the log.
 */
export async function dispatch(fn: FunctionDef, event: unknown, invocation: Invocation): Promise<ApiResult<unknown>> {
  try {
    if (hasPrototypeKey(event)) throw new AppError('INVALID_PAYLOAD', '请求参数不正确：含有不允许的键名')
    const parsedEvent = v.safeParse(EventSchema, event)
    if (!parsedEvent.success) throw new AppError('INVALID_PAYLOAD', '请求格式不正确：需要 { action, data }')
    const { action: name, data } = parsedEvent.output
    const def = Object.hasOwn(fn.actions, name) ? fn.actions[name] : undefined
    if (!def) throw new AppError('UNKNOWN_ACTION', `${fn.name} 没有 ${name.slice(0, 64)} 这个操作`)

    const caller =
      invocation.memberId && !def.readsCaller ? await registerMember(invocation.store, invocation.memberId, invocation.now) : null
    if (def.access !== 'public' && !caller && !(def.readsCaller && invocation.memberId)) throw new AppError('UNAUTHENTICATED', '请先登录')
    if (def.access === 'operator' && caller) {
      if (!caller.roles.includes('operator')) throw new AppError('FORBIDDEN', '仅运营人员可以执行此操作')
      if (!mayAct(caller, def.staff ?? [])) {
        const held =
          staffRolesOf(caller)
            .map((role) => STAFF_ROLE_NAMES[role])
            .join('、') || '未分配岗位'
        const needed = (def.staff ?? []).map((role) => STAFF_ROLE_NAMES[role]).join('、') || '店主'
        throw new AppError('FORBIDDEN', `你的岗位（${held}）不能执行此操作，需要：${needed}`)
      }
    }

    const input = v.safeParse(def.input, data ?? {})
    if (!input.success) throw new AppError('INVALID_PAYLOAD', describeIssues(input.issues))
    const result = await def.run(
      { store: invocation.store, pay: invocation.pay, now: invocation.now, caller, callerId: invocation.memberId },
      input.output,
    )
    return { ok: true, data: result }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message }
    console.error(`[${fn.name}]`, error)
    return { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }
  }
}
