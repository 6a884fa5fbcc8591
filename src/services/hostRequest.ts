/**
 * A request to the local host as the browser build makes it: JSON both ways, the session's bearer
 * token. Answers the host's `{ ok, data }` / `{ ok: false, code, message }` envelope as parsed;
 * rejects only when no answer came. Imports nothing, so index.html's first screen can use it too.
 */
export async function hostRequest(method: 'GET' | 'POST', path: string, body: unknown, token: string | null): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (token) headers.Authorization = `Bearer ${token}`
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).then((response) => response.json())
}
