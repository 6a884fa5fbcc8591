import type { ApiResult } from '../../types/errors'

/** The data of an answer that must succeed; a refusal fails the test with its code and message. */
export async function ok<T = unknown>(answer: Promise<ApiResult<unknown>> | ApiResult<unknown>): Promise<T> {
  const result = await answer
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
  return result.data as T
}

/** The code of an answer that must be refused ('ok' when it was not, so the test shows what happened). */
export async function codeOf(answer: Promise<ApiResult<unknown>> | ApiResult<unknown>): Promise<string> {
  const result = await answer
  return result.ok ? 'ok' : result.code
}
