import { describe, expect, it } from 'vitest'
import { SessionKeys } from '../../cloudfunctions/src/local/sessions'

describe('dev sign-in tokens', () => {
  it('name the member they were issued for, on every request', () => {
    const keys = new SessionKeys(null)
    const token = keys.issue('v1')
    expect(keys.verify(token)).toBe('v1')
    expect(keys.verify(token)).toBe('v1')
  })

  it('refuse an edited, foreign or malformed token, even after the genuine one was seen', () => {
    const keys = new SessionKeys(null)
    const token = keys.issue('v1')
    expect(keys.verify(token)).toBe('v1')
    const [payload, signature] = token.split('.')
    const otherPayload = Buffer.from('owner', 'utf8').toString('base64url')
    expect(keys.verify(`${otherPayload}.${signature}`)).toBeNull()
    expect(keys.verify(`${payload}.${signature.slice(1)}A`)).toBeNull()
    expect(keys.verify(new SessionKeys(null).issue('v1'))).toBeNull()
    expect(keys.verify(`${token}.x`)).toBeNull()
    expect(keys.verify('')).toBeNull()
  })

  it('still verify a token once many others have been seen since', () => {
    const keys = new SessionKeys(null)
    const first = keys.issue('m-0')
    expect(keys.verify(first)).toBe('m-0')
    for (let i = 1; i <= 10_050; i += 1) expect(keys.verify(keys.issue(`m-${i}`))).toBe(`m-${i}`)
    expect(keys.verify(first)).toBe('m-0')
  })
})
