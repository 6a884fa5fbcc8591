import { createHash } from 'node:crypto'
import type { ContentSecurity, SecurityScene, TextVerdict } from '../wechat/ports'

/**
 * A local stand-in for WeChat content security (a test double, not a moderation policy): a small word
 * list decides text at once, and images wait until `settleImages` gives their verdicts, the way the
 * wxa_media_check event arrives later in production. An image is risky when its name holds `risky`
 * or its bytes carry RISKY_IMAGE_MARKER (what a test or a demo uploads to see a risky verdict).
 */
const RISKY_WORDS = ['赌博', '博彩', '代开发票', '色情', '枪支', '毒品']
const REVIEW_WORDS = ['加微信', '私聊', '返现', '刷单']

/** Bytes an image carries (e.g. in a PNG text chunk) for the stand-in to call it risky. */
export const RISKY_IMAGE_MARKER = 'siyu-double:risky-image'

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
  private sent = 0

  async checkText({ text }: { text: string }): Promise<TextVerdict> {
    return localTextVerdict(text)
  }

  async checkImage(check: { openid: string; scene: SecurityScene; url: string }): Promise<{ traceId: string }> {
    // Like WeChat's, every request gets its own trace id, even for an image sent before.
    this.sent += 1
    const traceId = `local-${createHash('sha256').update(`${check.openid}\u0000${check.url}\u0000${this.sent}`).digest('hex').slice(0, 24)}`
    this.pendingImages.push({ traceId, ...check })
    return { traceId }
  }

  /**
   * Hands every waiting image's verdict to `deliver` (what the wxa_media_check event carries), and
   * forgets them. `read` gives an image's bytes when the stand-in can read them.
   */
  async settleImages(
    deliver: (event: { traceId: string; openid: string; suggest: TextVerdict }) => Promise<void>,
    read: (url: string) => Promise<Uint8Array | null> = async () => null,
  ): Promise<number> {
    const due = this.pendingImages.splice(0)
    for (const check of due) {
      const bytes = await read(check.url)
      const marked = bytes !== null && Buffer.from(bytes).includes(RISKY_IMAGE_MARKER)
      await deliver({ traceId: check.traceId, openid: check.openid, suggest: /risky/i.test(check.url) || marked ? 'risky' : 'pass' })
    }
    return due.length
  }
}
