import { createHash } from 'node:crypto'
import type { ContentSecurity, SecurityScene, TextVerdict } from '../wechat/ports'

/**
 * A local stand-in for WeChat content security (a test double, not a moderation policy): a small word
 * list decides text at once, and images wait until `settleImages` gives their verdicts, the way the
 * wxa_media_check event arrives later in production. An image whose name holds `risky` is risky.
 */
const RISKY_WORDS = ['赌博', '博彩', '代开发票', '色情', '枪支', '毒品']
const REVIEW_WORDS = ['加微信', '私聊', '返现', '刷单']

export function localTextVerdict(text: string): TextVerdict {
  if (RISKY_WORDS.some((word) => text.includes(word))) return 'risky'
  if (REVIEW_WORDS.some((word) => text.includes(word))) return 'review'
  return 'pass'
}

export interface PendingImageCheck {
  traceId: string
  url: string
  openid: string
  scene: SecurityScene
}

export class LocalContentCheck implements ContentSecurity {
  /** Images sent for checking whose verdict has not been given yet, oldest first. */
  readonly pendingImages: PendingImageCheck[] = []

  async checkText({ text }: { text: string }): Promise<TextVerdict> {
    return localTextVerdict(text)
  }

  async checkImage(check: { openid: string; scene: SecurityScene; url: string }): Promise<{ traceId: string }> {
    const traceId = `local-${createHash('sha256').update(`${check.openid}\u0000${check.url}`).digest('hex').slice(0, 24)}`
    if (!this.pendingImages.some((p) => p.traceId === traceId)) this.pendingImages.push({ traceId, ...check })
    return { traceId }
  }

  /** Hands every waiting image's verdict to `deliver` (what the wxa_media_check event carries), and forgets them. */
  async settleImages(deliver: (event: { traceId: string; suggest: TextVerdict }) => Promise<void>): Promise<number> {
    const due = this.pendingImages.splice(0)
    for (const check of due) await deliver({ traceId: check.traceId, suggest: /risky/i.test(check.url) ? 'risky' : 'pass' })
    return due.length
  }
}
