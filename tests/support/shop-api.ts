/** Calls a running local host the way the app does: a function action, or a dev sign-in. */
export async function callShop<T>(shopUrl: string, fn: string, action: string, data: unknown, token?: string): Promise<T> {
  const res = await fetch(new URL(`/api/${fn}`, shopUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ action, data }),
  })
  const body = await res.json()
  if (!body.ok) throw new Error(`${body.code}: ${body.message}`)
  return body.data as T
}

export async function signInAs(shopUrl: string, person: string): Promise<string> {
  const res = await fetch(new URL('/dev/login', shopUrl), { method: 'POST', body: JSON.stringify({ as: person }) })
  return (await res.json()).data.token
}
