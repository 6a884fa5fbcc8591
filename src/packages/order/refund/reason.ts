import type { PickedImage } from '../../../hooks/useImageUploads'
import type { RefundKind } from '../../../../types/domain'
import { REFUND_KIND_LABEL } from '../../../utils/refunds'

/** The reasons most refunds have; 其他 asks the member to say it in their own words. */
export const PRESET_REASONS = [
  '不想要了',
  '拍错了 / 多拍了',
  '商品质量问题',
  '商品与描述不符',
  '收到的商品有破损',
  '发货太慢',
  '其他',
] as const

export type PresetReason = (typeof PRESET_REASONS)[number]

/** The member's own words: 200 characters whatever reason is picked (the server keeps room for the preset). */
export const NOTE_MAX = 200

/** The reason as the server stores it: the preset, then the member's words when there are any. */
export function composeReason(preset: PresetReason | null, note: string): string {
  const words = note.trim()
  if (preset === null || preset === '其他') return words
  return words ? `${preset}：${words}` : preset
}

/** What stops the request, in words; null when the reason can be sent. */
export function reasonProblem(preset: PresetReason | null, note: string): string | null {
  if (preset === null) return '请选择退款原因'
  if (composeReason(preset, note).length === 0) return '请说明退款原因'
  if (note.trim().length > NOTE_MAX) return `补充说明最多 ${NOTE_MAX} 个字`
  return null
}

/** 仅退款 or 退货退款, with what each means for the buyer. */
export const REFUND_KINDS: readonly (readonly [RefundKind, string, string])[] = [
  ['refund', REFUND_KIND_LABEL.refund, '未收到货，或与商家协商不退货'],
  ['return', REFUND_KIND_LABEL.return, '已收到货，需要寄回商品'],
]

/** Photos the buyer may attach as evidence. */
export const PHOTOS_MAX = 6

/** What stops the request while photos are still uploading or one failed; null when they can go. */
export function photosProblem(images: readonly PickedImage[]): string | null {
  if (images.some((image) => image.status === 'uploading')) return '图片还在上传，请稍候'
  if (images.some((image) => image.status === 'failed')) return '有图片上传失败，请点击重试或删除'
  return null
}
