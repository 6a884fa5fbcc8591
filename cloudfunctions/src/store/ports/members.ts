import type { Instant, Member, Role, TierStatus } from '../../../../types/domain'

/** Members: who they are, their share codes, tags, preferences and birthdays. */
export interface MemberStore {
  /**
   * Writes a member (seed and operator tools). `tier` is the tier status to start from when the member
   * has none; when they have one, only its tier is set to the member's.
   */
  putMember(member: Member, tier: TierStatus): Promise<void>
  findMember(id: string): Promise<Member | null>
  findMembers(ids: readonly string[]): Promise<Member[]>
  findMemberByShareCode(code: string): Promise<Member | null>
  /** Members whose nickname contains the fragment (case ignored), newest first, at most `limit`. */
  searchMembersByNickname(fragment: string, limit: number): Promise<Member[]>
  /**
   * Creates the member with their starting tier status when absent; answers the stored member either
   * way (a second registration changes nothing).
   */
  registerMember(member: Member, tier: TierStatus): Promise<Member>
  /** Staff accounts (members marked `operator`), by id. */
  listStaff(): Promise<Member[]>
  /** Sets a member's roles when they are still `expected` (compare-and-set); false when they moved or the member is unknown. */
  updateMemberRoles(memberId: string, expected: readonly Role[], next: readonly Role[]): Promise<boolean>
  /** Sets the nickname and avatar a member chose; the rest of the member is left as it is. False when the member is unknown. */
  updateMemberProfile(memberId: string, profile: { nickname: string; avatar: string }): Promise<boolean>
  /** Member ids after `afterId`, in order (for jobs that visit every member). */
  listMemberIds(afterId: string, limit: number): Promise<string[]>
  /** Replaces a member's computed tags. */
  putMemberTags(memberId: string, tags: readonly string[], at: Instant): Promise<void>
  findMemberTags(memberId: string): Promise<string[]>
  findPreferences(memberId: string): Promise<unknown>
  putPreferences(memberId: string, doc: unknown): Promise<void>
  /** Records a member's birthday (MM-DD) once; false when one is already on file. */
  setBirthday(memberId: string, birthday: string): Promise<boolean>
  findBirthday(memberId: string): Promise<string | null>
  /** Members whose birthday is `birthday` (MM-DD), from `afterMemberId` on. */
  membersBornOn(birthday: string, afterMemberId: string, limit: number): Promise<string[]>
}
