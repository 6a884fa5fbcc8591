import type { MemberView, ProfileRequest } from '../../../types/api'
import type { Member } from '../../../types/domain'
import { imageProblem } from '../core/images'
import type { Store } from '../store/port'
import type { ContentSecurity, StoredImages } from '../wechat/ports'
import { AppError } from './errors'
import { toMemberView } from './members'
import { checkOwnImages } from './posts'

/**
 * A member sets the nickname and avatar WeChat offered them (or they typed), either or both. A new
 * avatar must be their own upload, read back as an image within 2 MB; a new nickname others will see
 * must pass content security (msgSecCheck, scene 资料) — anything held is refused, and changes nothing.
 */
export async function updateProfile(
  store: Store,
  platform: StoredImages & ContentSecurity,
  member: Member,
  req: ProfileRequest,
): Promise<MemberView> {
  const images = platform
  if (req.avatar !== undefined && req.avatar !== member.avatar) {
    checkOwnImages(member.id, [req.avatar], 'avatar')
    const problem = imageProblem(await images.readImage(req.avatar))
    if (problem) throw new AppError('INVALID_PAYLOAD', `头像${problem}`)
  }
  if (req.nickname !== undefined && req.nickname !== member.nickname) {
    const verdict = await platform.checkText({ openid: member.id, scene: 'profile', text: req.nickname })
    if (verdict !== 'pass') throw new AppError('CONTENT_RISKY', '这个昵称没有通过内容安全检测，请换一个')
  }
  const next = { nickname: req.nickname ?? member.nickname, avatar: req.avatar ?? member.avatar }
  if (!(await store.updateMemberProfile(member.id, next))) throw new AppError('NOT_FOUND', '没有找到这位会员')
  return toMemberView({ ...member, ...next })
}
