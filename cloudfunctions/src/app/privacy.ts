import type { MemberPreferences } from '../../../types/api'
import type { Address, Member } from '../../../types/domain'
import type { ErasedRecord, Store } from '../store/port'
import { AppError } from './errors'
import { DEFAULT_AVATAR } from './members'

export const DELETE_CONFIRMATION = '注销账号'

/** The name an erased account keeps. */
export const ERASED_NICKNAME = '已注销用户'

/** What an erased account's orders and redemptions keep in place of the delivery address. */
const ERASED_ADDRESS: Address = { name: '已注销', phone: '', region: '', detail: '' }

/** Everything that identifies a member (what they liked and kept, whom they follow and who follows them, their 达人 certification, and who wrote their comments); orders, points and commission records stay, anonymised. */
const ERASED_RECORDS: readonly ErasedRecord[] = [
  'birthday',
  'tags',
  'preferences',
  'cart',
  'bindings',
  'messageOptIns',
  'orderAddresses',
  'redemptionAddresses',
  'addressBook',
  'likes',
  'favourites',
  'commentAuthorship',
  'follows',
  'certification',
  'imageChecks',
]

const DEFAULT_PREFERENCES: MemberPreferences = { personalised: true }

export async function preferencesOf(store: Store, memberId: string): Promise<MemberPreferences> {
  const doc = (await store.findPreferences(memberId)) as Partial<MemberPreferences> | null
  return { personalised: typeof doc?.personalised === 'boolean' ? doc.personalised : DEFAULT_PREFERENCES.personalised }
}

/** Turning personalisation off also drops the member's segment tags at once (they are not profiled). */
export async function setPreferences(store: Store, member: Member, prefs: MemberPreferences, now: number): Promise<MemberPreferences> {
  await store.putPreferences(member.id, { personalised: prefs.personalised })
  if (!prefs.personalised) await store.putMemberTags(member.id, [], now)
  return preferencesOf(store, member.id)
}

/**
 * Deletes a member's account: what identifies them is erased, the accounting stays. Refused while an
 * order is still on its way (unpaid, paid or shipped) or a payout is in flight, so no parcel or money
 * is left without anyone to receive it; points and available commission are given up.
 */
export async function deleteAccount(store: Store, member: Member, confirm: string): Promise<{ deleted: true }> {
  if (confirm !== DELETE_CONFIRMATION) throw new AppError('INVALID_PAYLOAD', `请输入“${DELETE_CONFIRMATION}”确认`)
  const open = await store.listOrders({ memberId: member.id, statuses: ['created', 'paid', 'shipped'], offset: 0, limit: 1 })
  if (open.total > 0) throw new AppError('ACCOUNT_BUSY', '还有未完成的订单（待支付、待发货或待收货），完成或取消后再注销')
  const payouts = await store.listWithdrawals(member.id, 0, 50)
  if (payouts.items.some((w) => w.status === 'processing')) throw new AppError('ACCOUNT_BUSY', '还有处理中的提现，到账后再注销')
  await store.erasePersonalData({
    member: { ...member, nickname: ERASED_NICKNAME, avatar: DEFAULT_AVATAR },
    addressPlaceholder: ERASED_ADDRESS,
    covers: ERASED_RECORDS,
  })
  return { deleted: true }
}
