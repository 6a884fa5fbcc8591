/** Samples the process's resident memory while `work` runs; answers its duration and the peak. */
export async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMiB: number }> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const start = performance.now()
  try {
    const result = await work()
    return {
      result,
      seconds: Math.round((performance.now() - start) / 10) / 100,
      peakMiB: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    }
  } finally {
    clearInterval(timer)
  }
}
