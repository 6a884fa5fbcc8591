import autocannon from 'autocannon'

export interface HttpMeasure {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  non2xx: number
}

/** Drives one POST endpoint of the local host on loopback for a bounded time, signed in when given a token. */
export async function measurePost(url: string, body: unknown, token?: string, seconds = 5, connections = 10): Promise<HttpMeasure> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    connections,
    duration: seconds,
  })
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  }
}

/** Runs `flow` from `workers` loops for a bounded time; answers completed flows per second and latency percentiles. */
export async function measureFlow(flow: (worker: number, i: number) => Promise<void>, seconds = 5, workers = 8) {
  const latencies: number[] = []
  let failures = 0
  const until = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; performance.now() < until; i += 1) {
        const start = performance.now()
        try {
          await flow(worker, i)
          latencies.push(performance.now() - start)
        } catch {
          failures += 1
        }
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10
  return { perSecond: Math.round(latencies.length / seconds), p50Ms: at(0.5), p99Ms: at(0.99), failures }
}
