import { createHash } from 'node:crypto'
import type { MemberView } from '../../../types/api'
import type { Member } from '../../../types/domain'
import type { Store } from '../store/port'

const SHARE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A short, stable share code derived from the member id: 8 characters, fits a QR `scene`. */
export function shareCodeFor(memberId: string): string {
  const digest = createHash('sha256').update(memberId).digest()
  let code = ''
  for (let i = 0; i < 8; i += 1) code += SHARE_CODE_ALPHABET[digest[i] % SHARE_CODE_ALPHABET.length]
  return code
}

export const DEFAULT_AVATAR = '/media/avatars/default.jpg'

/** The member behind an identity; a first visit registers them as a V1 consumer. */
export async function registerMember(store: Store, memberId: string, now: number): Promise<Member> {
  const existing = await store.findMember(memberId)
  if (existing) return existing
  return store.registerMember({
    id: memberId,
    nickname: '微信用户',
    avatar: DEFAULT_AVATAR,
    tier: 1,
    roles: ['consumer'],
    shareCode: shareCodeFor(memberId),
    createdAt: now,
  })
}

export function toMemberView(m: Member): MemberView {
  return { id: m.id, nickname: m.nickname, avatar: m.avatar, tier: m.tier, roles: m.roles, shareCode: m.shareCode }
}
