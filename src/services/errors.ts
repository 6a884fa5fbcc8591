import type { ErrorCode } from '../../types/errors'

/** Failures that never reached a function (offline, host down) get a client-side code of their own. */
export type CallErrorCode = ErrorCode | 'NETWORK'

/** The one error shape every backend call rejects with: a code for programs, a message for people. */
export interface CallError {
  code: CallErrorCode
  message: string
}

export function callError(code: CallErrorCode, message: string): CallError & Error {
  return Object.assign(new Error(message), { code })
}

export const networkError = (): CallError & Error => callError('NETWORK', '网络不给力，请检查网络后重试')

/** Turns a function's answer (`{ ok: true, data }` or `{ ok: false, code, message }`) into data or a thrown CallError. */
export function unwrapAnswer<T>(answer: unknown): T {
  if (isRecord(answer) && answer.ok === true) return answer.data as T
  if (isRecord(answer) && answer.ok === false && typeof answer.code === 'string') {
    throw callError(answer.code as ErrorCode, typeof answer.message === 'string' ? answer.message : '请求失败')
  }
  throw callError('INTERNAL', '服务返回了无法识别的结果')
}

export function isCallError(error: unknown): error is CallError {
  return isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string'
}

/** Errors that retrying cannot fix: the thing asked for is not there. */
export function isNotFound(error: { code: CallErrorCode | null }): boolean {
  return error.code === 'NOT_FOUND' || error.code === 'PRODUCT_NOT_FOUND' || error.code === 'CATEGORY_NOT_FOUND'
}

/** What a screen shows for a failed call. */
export function describeError(error: unknown): string {
  if (isCallError(error)) return error.message
  return '出了点问题，请稍后重试'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
