import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'

/**
 * Tokens already verified, kept so each request does not sign again: two generations of up to this
 * many, the older dropped whole when the newer is full. Evicting one token at a time from a Map's
 * oldest end costs more than signing (its deleted slots are walked again on every eviction).
 */
const VERIFIED_KEPT = 10_000

/**
 * Dev sign-in tokens: the member id signed with a secret kept beside the database, so a token
 * survives a host restart and cannot be forged or edited by the browser.
 */
export class SessionKeys {
  private readonly secret: Buffer
  private verified = new Map<string, string>()
  private verifiedBefore = new Map<string, string>()

  constructor(secretFile: string | null) {
    if (secretFile && fs.existsSync(secretFile)) {
      this.secret = fs.readFileSync(secretFile)
    } else {
      this.secret = randomBytes(32)
      if (secretFile) fs.writeFileSync(secretFile, this.secret, { mode: 0o600 })
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url')
  }

  issue(memberId: string): string {
    const payload = Buffer.from(memberId, 'utf8').toString('base64url')
    return `${payload}.${this.sign(payload)}`
  }

  /** The member id a token was issued for, or null when it is not one of ours. */
  verify(token: string): string | null {
    const known = this.verified.get(token)
    if (known !== undefined) return known
    const memberId = this.verifiedBefore.get(token) ?? this.check(token)
    if (memberId === null) return null
    if (this.verified.size >= VERIFIED_KEPT) {
      this.verifiedBefore = this.verified
      this.verified = new Map()
    }
    this.verified.set(token, memberId)
    return memberId
  }

  private check(token: string): string | null {
    const [payload, signature, extra] = token.split('.')
    if (!payload || !signature || extra !== undefined) return null
    const expected = Buffer.from(this.sign(payload))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    return Buffer.from(payload, 'base64url').toString('utf8')
  }
}
