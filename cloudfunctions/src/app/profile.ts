import type { MemberView, ProfileRequest } from '../../../types/api'
import type { Member } from '../../../types/domain'
import { imageProblem } from '../core/images'
import type { Store } from '../store/port'
import type { ContentSecurity, StoredImages } from '../wechat/ports'
import { AppError } from './errors'
import { avatarSubject, imagesSafety, sendImageChecks } from './image-checks'
import { toMemberView } from './members'
import { checkOwnImages } from './posts'

/**
 * A member sets the nickname and avatar WeChat offered them (or they typed), either or both. A new
 * avatar must be their own upload, read back as an image within 2 MB; a new nickname others will see
 * must pass content security (msgSecCheck, scene 资料) — anything held is refused, and changes nothing.
 * A new avatar goes to content security (mediaCheckAsync) and becomes the one others see only when
 * its verdict passes; until then the answer shows it to the member alone (`avatarPending`).
 */
export async function updateProfile(
  store: Store,
  platform: StoredImages & ContentSecurity,
  member: Member,
  req: ProfileRequest,
  now: number,
): Promise<MemberView> {
  const newAvatar = req.avatar !== undefined && req.avatar !== member.avatar ? req.avatar : null
  if (newAvatar !== null) {
    checkOwnImages(member.id, [newAvatar], 'avatar')
    const problem = imageProblem(await platform.readImage(newAvatar))
    if (problem) throw new AppError('INVALID_PAYLOAD', `头像${problem}`)
    const earlier = (await store.imageChecksOf([avatarSubject(member.id)])).find((check) => check.url === newAvatar)
    if (earlier && earlier.verdict !== 'pending' && earlier.verdict !== 'pass') {
      throw new AppError('CONTENT_RISKY', '这张头像没有通过内容安全检测，请换一张')
    }
  }
  if (req.nickname !== undefined && req.nickname !== member.nickname) {
    const verdict = await platform.checkText({ openid: member.id, scene: 'profile', text: req.nickname })
    if (verdict !== 'pass') throw new AppError('CONTENT_RISKY', '这个昵称没有通过内容安全检测，请换一个')
  }
  const nickname = req.nickname ?? member.nickname
  if (newAvatar === null) {
    if (!(await store.updateMemberProfile(member.id, { nickname, avatar: member.avatar })))
      throw new AppError('NOT_FOUND', '没有找到这位会员')
    return toMemberView({ ...member, nickname })
  }
  // The nickname is saved now; the avatar when content security passes it (at once when it already did).
  const checks = await sendImageChecks(store, platform, member.id, avatarSubject(member.id), 'profile', [newAvatar], now, member.avatar)
  const passed = imagesSafety([newAvatar], checks) === 'pass'
  const avatar = passed ? newAvatar : member.avatar
  if (!(await store.updateMemberProfile(member.id, { nickname, avatar }))) throw new AppError('NOT_FOUND', '没有找到这位会员')
  return passed
    ? toMemberView({ ...member, nickname, avatar })
    : { ...toMemberView({ ...member, nickname, avatar: newAvatar }), avatarPending: true }
}
