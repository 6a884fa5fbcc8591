import { useSession } from '../stores/session'
import { isCallError, networkError, unwrapAnswer } from './errors'
import { hostRequest } from './hostRequest'

/**
 * JSON over HTTP to the local host (browser build only). The host answers with the same
 * `{ ok, data }` / `{ ok: false, code, message }` envelope as the cloud functions.
 */
export async function requestJson<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const token = useSession.getState().token
  return settleAnswer<T>(token, hostRequest(method, path, body, token))
}

/** The data of a host's answer, or its typed error; a request that got no answer is a network error. */
export async function settleAnswer<T>(token: string | null, answer: Promise<unknown>): Promise<T> {
  let envelope: unknown
  try {
    envelope = await answer
  } catch {
    throw networkError()
  }
  try {
    return unwrapAnswer<T>(envelope)
  } catch (error) {
    // The host forgets sessions when it restarts; drop the stale token so the shop works as a visitor.
    if (token && isCallError(error) && error.code === 'UNAUTHENTICATED') useSession.getState().signOut()
    throw error
  }
}
