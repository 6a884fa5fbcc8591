import { useCallback, useEffect, useRef, useState } from 'react'
import { type CallErrorCode, describeError, isCallError } from '../services/errors'

export type Remote<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; code: CallErrorCode | null }
  | { status: 'ready'; data: T }

/**
 * Loads data for a screen whenever `deps` change; `reload` runs the load again (retry, pull-down).
 * An answer that arrives after a newer load started is dropped, so a slow reply never overwrites a fresh one.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' })
  const latestLoad = useRef(load)
  latestLoad.current = load
  const generation = useRef(0)

  /** Loads again while what is on screen stays there until the answer arrives (after an action, on return). */
  const refresh = useCallback(async () => {
    const mine = ++generation.current
    try {
      const data = await latestLoad.current()
      if (mine === generation.current) setState({ status: 'ready', data })
    } catch (error) {
      if (mine === generation.current) {
        setState({ status: 'error', message: describeError(error), code: isCallError(error) ? error.code : null })
      }
    }
  }, [])

  const reload = useCallback(async () => {
    // Already loading (the first load on mount): the same state, so no render for nothing.
    setState((current) => (current.status === 'loading' ? current : { status: 'loading' }))
    await refresh()
  }, [])

  // Loads again only when the caller's deps change.
  useEffect(() => {
    void reload()
  }, deps)

  return { ...state, reload, refresh }
}
