import type { RefundKind } from '../../types/domain'

export const REFUND_KIND_LABEL: Record<RefundKind, string> = { refund: '仅退款', return: '退货退款' }

/** What kind of after-sale case this is, in words; cases recorded before kinds were kept were all 仅退款. */
export const refundKindLabel = (refund: { kind?: RefundKind }): string => REFUND_KIND_LABEL[refund.kind ?? 'refund']
