/**
 * TEST DOUBLE of the backend boundary (`src/services/call`): every call is recorded and answers
 * with a promise the test settles, so a test decides what the server says and when.
 * Use: `vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))`.
 */
import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach, vi } from 'vitest'
import type { ActionName, FunctionName, MemberView, Req } from '../../types/api'
import { useSession } from '../../src/stores/session'

export const fakeBackend = {
  calls: [] as { name: string; action: string; data: unknown }[],
  pending: new Map<string, { resolve: (value: unknown) => void; reject: (error: unknown) => void }[]>(),
  settle(key: string) {
    const next = (this.pending.get(key) ?? []).shift()
    if (!next) throw new Error(`no pending ${key} call`)
    return next
  },
  callsTo(key: string) {
    return this.calls.filter((call) => `${call.name}.${call.action}` === key).map((call) => call.data)
  },
}

export const fakeCallModule = {
  callFunction: <F extends FunctionName, A extends ActionName<F>>(name: F, action: A, data: Req<F, A>) => {
    fakeBackend.calls.push({ name, action, data })
    const key = `${name}.${action}`
    return new Promise((resolve, reject) => {
      fakeBackend.pending.set(key, [...(fakeBackend.pending.get(key) ?? []), { resolve, reject }])
    })
  },
}

/**
 * For a describe block or file of page tests: each test starts with no recorded calls and the given
 * member signed in, and ends unmounted, with mocks restored and signed out.
 */
export function signedInPageTests(member: MemberView): void {
  beforeEach(() => {
    fakeBackend.calls = []
    fakeBackend.pending.clear()
    useSession.setState({ token: 'member-token', member })
  })
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
    useSession.setState({ token: null, member: null })
  })
}
