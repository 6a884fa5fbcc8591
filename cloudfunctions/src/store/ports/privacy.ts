import type { Address, Member } from '../../../../types/domain'

/** The kinds of record an account deletion erases (deleted outright, or blanked in place). */
export type ErasedRecord =
  | 'birthday'
  | 'tags'
  | 'preferences'
  | 'cart'
  | 'bindings'
  | 'messageOptIns'
  /** The delivery address and remark on the member's orders. */
  | 'orderAddresses'
  /** The delivery address on the member's goods redemptions. */
  | 'redemptionAddresses'
  /** The member's address book, deleted whole. */
  | 'addressBook'
  /** The member's likes and favourites, each post's count lowered with them. */
  | 'likes'
  | 'favourites'
  /** The member's comments stay without their author; their comment likes go, each count lowered with them. */
  | 'commentAuthorship'
  /** Whom the member follows and who follows them, both members' counts lowered with each. */
  | 'follows'
  /** The member's 达人 certification. */
  | 'certification'
  /** The member's images sent to content security and their verdicts. */
  | 'imageChecks'

/** What an account deletion writes: decided by the application, applied by the store as it is. */
export interface Erasure {
  /** The member as they stay: anonymised name and avatar. */
  member: Member
  /** What erased orders and redemptions keep in place of the delivery address. */
  addressPlaceholder: Address
  covers: readonly ErasedRecord[]
}

/** Privacy: erasing what identifies a member while the accounting stays. */
export interface PrivacyStore {
  /** Applies an account deletion in one step; applying it again changes nothing more. */
  erasePersonalData(erasure: Erasure): Promise<void>
}
