import type { Instant } from '../../../../types/domain'

/**
 * WeChat Pay notifications already handled, remembered by their receipts (the notification id, the
 * signature it came with), so that a replay or a redelivery changes nothing however many function
 * instances receive it.
 */
export interface NoticeStore {
  /** Whether a notification under any of these receipts was handled before. */
  noticeHandled(receipts: readonly string[]): Promise<boolean>
  /** Remembers a handled notification under each of its receipts; one remembered before keeps its first record. */
  recordNoticeHandled(receipts: readonly string[], at: Instant): Promise<void>
}
