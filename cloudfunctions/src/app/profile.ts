import type { MemberView, ProfileRequest } from '../../../types/api'
import type { Member } from '../../../types/domain'
import { imageProblem } from '../core/images'
import type { Store } from '../store/port'
import type { StoredImages } from '../wechat/ports'
import { AppError } from './errors'
import { toMemberView } from './members'
import { checkOwnImages } from './posts'

/**
 * A member sets the nickname and avatar WeChat offered them (or they typed), either or both. A new
 * avatar must be their own upload, read back as an image within 2 MB; anything refused changes nothing.
 */
export async function updateProfile(store: Store, images: StoredImages, member: Member, req: ProfileRequest): Promise<MemberView> {
  if (req.avatar !== undefined && req.avatar !== member.avatar) {
    checkOwnImages(member.id, [req.avatar], 'avatar')
    const problem = imageProblem(await images.readImage(req.avatar))
    if (problem) throw new AppError('INVALID_PAYLOAD', `头像${problem}`)
  }
  const next = { nickname: req.nickname ?? member.nickname, avatar: req.avatar ?? member.avatar }
  if (!(await store.updateMemberProfile(member.id, next))) throw new AppError('NOT_FOUND', '没有找到这位会员')
  return toMemberView({ ...member, ...next })
}
