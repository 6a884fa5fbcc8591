import autocannon from 'autocannon'

export interface HttpMeasure {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  non2xx: number
}

/** Drives one POST endpoint of the local host on loopback for a bounded time. */
export async function measurePost(url: string, body: unknown, seconds = 5, connections = 10): Promise<HttpMeasure> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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
