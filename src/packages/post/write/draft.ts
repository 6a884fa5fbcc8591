import type { PostInput, ProductCard } from '../../../../types/api'
import type { PickedImage } from '../../../hooks/useImageUploads'

/** The server's limits for a post, so the page can say what is wrong before sending. */
export const POST_LIMITS = { title: 30, body: 1000, images: 9, products: 6, topics: 3 } as const

export interface PostDraft {
  title: string
  body: string
  images: readonly PickedImage[]
  products: readonly ProductCard[]
  /** Topics chosen from the operators' list; none when absent. */
  topicIds?: readonly string[]
}

/** What stops the draft from being sent, in the member's words; null when it can go. */
export function draftProblem(draft: PostDraft): string | null {
  const title = draft.title.trim()
  const body = draft.body.trim()
  if (title === '') return '请填写标题'
  if (title.length > POST_LIMITS.title) return `标题最多 ${POST_LIMITS.title} 个字`
  if (body === '') return '请写下你的体验'
  if (body.length > POST_LIMITS.body) return `正文最多 ${POST_LIMITS.body} 个字`
  if (draft.images.some((image) => image.status === 'uploading')) return '图片还在上传，请稍候'
  if (draft.images.some((image) => image.status === 'failed')) return '有图片上传失败，请点击重试或删除'
  if (draft.images.length === 0 && draft.products.length === 0) return '请至少添加一张图片或关联一件商品'
  return null
}

/** The payload for `post.create`; the same picture picked twice is sent once. */
export function toPostInput(draft: PostDraft, requestId: string): PostInput {
  const images = draft.images.flatMap((image) => (image.ref ? [image.ref] : []))
  return {
    title: draft.title.trim(),
    body: draft.body.trim(),
    images: [...new Set(images)],
    productIds: draft.products.map((product) => product.id),
    ...(draft.topicIds?.length ? { topicIds: [...draft.topicIds] } : {}),
    requestId,
  }
}
