import { useSession } from '../stores/session'
import { isCallError, networkError, unwrapAnswer } from './errors'

/**
 * JSON over HTTP to the local host (browser build only). The host answers with the same
 * `{ ok, data }` / `{ ok: false, code, message }` envelope as the cloud functions.
 */
export async function requestJson<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const token = useSession.getState().token
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (token) headers.Authorization = `Bearer ${token}`

  const answer = fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((response) => response.json())
  return settleAnswer<T>(token, answer)
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
