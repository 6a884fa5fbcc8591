import { createHash } from 'node:crypto'
import type { MemberView } from '../../../types/api'
import type { Member, TierStatus } from '../../../types/domain'
import { keepUntil } from '../core/tiers'
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

/** A member's first tier status: their tier, held from joining for 12 months. */
export function startingTier(member: Pick<Member, 'id' | 'tier' | 'createdAt'>): TierStatus {
  return { memberId: member.id, tier: member.tier, attainedAt: member.createdAt, keepUntil: keepUntil(member.createdAt) }
}

/** Writes a member (seed, tests and operator tools), starting their tier status when they have none. */
export function saveMember(store: Store, member: Member): Promise<void> {
  return store.putMember(member, startingTier(member))
}

/** The member behind an identity; a first visit registers them as a V1 consumer. */
export async function registerMember(store: Store, memberId: string, now: number): Promise<Member> {
  const existing = await store.findMember(memberId)
  if (existing) return existing
  const member: Member = {
    id: memberId,
    nickname: '微信用户',
    avatar: DEFAULT_AVATAR,
    tier: 1,
    roles: ['consumer'],
    shareCode: shareCodeFor(memberId),
    createdAt: now,
  }
  return store.registerMember(member, startingTier(member))
}

export function toMemberView(m: Member): MemberView {
  return { id: m.id, nickname: m.nickname, avatar: m.avatar, tier: m.tier, roles: m.roles, shareCode: m.shareCode }
}
