import type { ImageCheck, ImageVerdict, Instant } from '../../../types/domain'
import type { Store } from '../store/port'
import type { ContentSecurity, SecurityScene } from '../wechat/ports'

/*
 * Member images and WeChat content security (security.mediaCheckAsync): each image a member shows
 * others is sent once per subject, and its verdict arrives later as the wxa_media_check event. Until
 * then the image, and what carries it, is seen only by its author and by staff.
 */

/** What the images of one subject add up to: any risky one holds it, any still unanswered keeps it waiting. */
export type ImagesSafety = 'none' | 'pending' | 'review' | 'pass' | 'risky'

export const postSubject = (postId: string) => `post:${postId}`
export const avatarSubject = (memberId: string) => `avatar:${memberId}`

/**
 * Sends every image of the subject that has no check yet and records the trace id WeChat answered.
 * Asked again (a retried request) it sends only what is missing, so no image is left unchecked.
 */
export async function sendImageChecks(
  store: Store,
  security: ContentSecurity,
  memberId: string,
  subject: string,
  scene: SecurityScene,
  urls: readonly string[],
  now: Instant,
  /** For an avatar: the one the member has now, which the new one may replace once passed. */
  replaces: string | null = null,
): Promise<ImageCheck[]> {
  const known = await store.imageChecksOf([subject])
  for (const url of new Set(urls)) {
    if (known.some((check) => check.url === url)) continue
    const { traceId } = await security.checkImage({ openid: memberId, scene, url })
    const check: ImageCheck = { traceId, subject, memberId, url, verdict: 'pending', sentAt: now, decidedAt: null, replaces }
    // A concurrent retry may have sent the same image: its record stands, this trace id stays unknown.
    if ((await store.addImageCheck(check)) === 'added') known.push(check)
  }
  return (await store.imageChecksOf([subject])).filter((check) => urls.includes(check.url))
}

/** The verdict on a set of images from their checks: an image without a check counts as unanswered. */
export function imagesSafety(urls: readonly string[], checks: readonly ImageCheck[]): ImagesSafety {
  if (urls.length === 0) return 'none'
  const verdicts: ImageVerdict[] = urls.map((url) => checks.find((check) => check.url === url)?.verdict ?? 'pending')
  if (verdicts.includes('risky')) return 'risky'
  if (verdicts.includes('pending')) return 'pending'
  if (verdicts.includes('review')) return 'review'
  return 'pass'
}

/** The images safety of several posts at once, by post id. */
export async function postsImagesSafety(
  store: Store,
  posts: readonly { id: string; images: readonly string[] }[],
): Promise<Map<string, ImagesSafety>> {
  const withImages = posts.filter((post) => post.images.length > 0)
  const checks = await store.imageChecksOf(withImages.map((post) => postSubject(post.id)))
  return new Map(
    posts.map((post) => [
      post.id,
      imagesSafety(
        post.images,
        checks.filter((check) => check.subject === postSubject(post.id)),
      ),
    ]),
  )
}

/** What the wxa_media_check event says, once its origin was checked. */
export interface MediaCheckVerdict {
  traceId: string
  /** The openid the image was sent for (the event's FromUserName). */
  openid: string
  /** result.suggest; a check WeChat could not make (errcode ≠ 0) is 'review': a person looks. */
  verdict: Exclude<ImageVerdict, 'pending'>
}

export type MediaCheckOutcome = 'settled' | 'duplicate' | 'unknown' | 'foreign'

/**
 * Applies an image's verdict once: the first verdict for a trace id stands, a repeat or a late one
 * changes nothing, and a trace id this shop never sent (or sent for another member) is ignored. A
 * passed avatar becomes the member's avatar when it is their latest choice and their avatar did not
 * change since they made it (to one that passed before, say).
 */
export async function settleImageVerdict(store: Store, event: MediaCheckVerdict, now: Instant): Promise<MediaCheckOutcome> {
  const check = await store.findImageCheck(event.traceId)
  if (!check) return 'unknown'
  if (check.memberId !== event.openid) return 'foreign'
  if (!(await store.settleImageCheck(check.traceId, event.verdict, now))) return 'duplicate'
  if (event.verdict === 'pass' && check.subject === avatarSubject(check.memberId)) {
    const avatars = await store.imageChecksOf([check.subject])
    const newest = avatars.reduce((a, b) => (b.sentAt > a.sentAt ? b : a), check)
    const member = await store.findMember(check.memberId)
    if (member && newest.traceId === check.traceId && member.avatar === (check.replaces ?? member.avatar) && member.avatar !== check.url) {
      await store.updateMemberProfile(member.id, { nickname: member.nickname, avatar: check.url })
    }
  }
  return 'settled'
}
