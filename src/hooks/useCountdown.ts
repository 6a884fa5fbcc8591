import { useEffect, useState } from 'react'
import type { Instant } from '../../types/domain'

/**
 * Milliseconds left until `deadline`, ticking every second; 0 once it has passed or when there is
 * none. Display only: the server decides whether an order can still be paid.
 */
export function useCountdown(deadline: Instant | null): number {
  const [now, setNow] = useState(() => Date.now())
  const running = deadline !== null && now < deadline

  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running, deadline])

  return deadline === null ? 0 : Math.max(0, deadline - now)
}
