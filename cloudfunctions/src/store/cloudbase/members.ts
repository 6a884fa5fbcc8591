import { transact } from './retry'
import type { Member, Role, TierStatus } from '../../../../types/domain'
import { type DocData, MAX_GET, isDuplicateKey } from './database'
import { read, withoutId, fromDoc, getAll } from './shared'
import { CloudbaseBase } from './base'
import type { MemberStore } from '../port'

/** Members: who they are, their share codes, tags, preferences and birthdays. */
export class CloudbaseMembers extends CloudbaseBase implements MemberStore {
  async putMember(m: Member, tier: TierStatus): Promise<void> {
    await transact(this.db, async (tx) => {
      await tx
        .collection('members')
        .doc(m.id)
        .set({ data: withoutId(m) })
      const ref = tx.collection('tier_status').doc(m.id)
      const status = await read(ref)
      await ref.set({
        data: { tier: m.tier, attainedAt: status?.attainedAt ?? tier.attainedAt, keepUntil: status?.keepUntil ?? tier.keepUntil },
      })
    })
  }

  async findMember(id: string): Promise<Member | null> {
    const { data } = await this.db.collection('members').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Member>(data[0]) : null
  }

  async findMembers(ids: readonly string[]): Promise<Member[]> {
    if (ids.length === 0) return []
    const docs = await getAll(this.db.collection('members').where({ _id: this.db.command.in([...ids]) }))
    return docs.map((d) => fromDoc<Member>(d))
  }

  async findMemberByShareCode(code: string): Promise<Member | null> {
    const { data } = await this.db.collection('members').where({ shareCode: code }).limit(1).get()
    return data[0] ? fromDoc<Member>(data[0]) : null
  }

  async searchMembersByNickname(fragment: string, limit: number): Promise<Member[]> {
    const regexp = fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const { data } = await this.db
      .collection('members')
      .where({ nickname: this.db.RegExp({ regexp, options: 'i' }) })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => fromDoc<Member>(d))
  }

  async registerMember(m: Member, tier: TierStatus): Promise<Member> {
    try {
      await this.db.collection('members').add({ data: { _id: m.id, ...withoutId(m) } })
      await this.db
        .collection('tier_status')
        .doc(m.id)
        .set({ data: { tier: tier.tier, attainedAt: tier.attainedAt, keepUntil: tier.keepUntil } })
      return m
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const existing = await this.findMember(m.id)
      if (!existing) throw error
      return existing
    }
  }

  async listStaff(): Promise<Member[]> {
    const docs = await getAll(this.db.collection('members').where({ roles: 'operator' }).orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<Member>(d))
  }

  async updateMemberRoles(memberId: string, expected: readonly Role[], next: readonly Role[]): Promise<boolean> {
    return transact(this.db, async (tx) => {
      const ref = tx.collection('members').doc(memberId)
      const current = await read(ref)
      if (!current || JSON.stringify(current.roles) !== JSON.stringify(expected)) return false
      await ref.update({ data: { roles: [...next] } })
      return true
    })
  }

  async updateMemberProfile(memberId: string, profile: { nickname: string; avatar: string }): Promise<boolean> {
    return transact(this.db, async (tx) => {
      const ref = tx.collection('members').doc(memberId)
      if (!(await read(ref))) return false
      await ref.update({ data: { nickname: profile.nickname, avatar: profile.avatar } })
      return true
    })
  }

  async listMemberIds(afterId: string, limit: number): Promise<string[]> {
    const { data } = await this.db
      .collection('members')
      .where({ _id: this.db.command.gt(afterId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => d._id as string)
  }

  async putMemberTags(memberId: string, tags: readonly string[], at: number): Promise<void> {
    await this.db
      .collection('member_tags')
      .doc(memberId)
      .set({ data: { tags: [...tags], computedAt: at } })
  }

  async findMemberTags(memberId: string): Promise<string[]> {
    const { data } = await this.db.collection('member_tags').where({ _id: memberId }).limit(1).get()
    return (data[0]?.tags as string[] | undefined) ?? []
  }

  async findPreferences(memberId: string): Promise<unknown> {
    const { data } = await this.db.collection('member_preferences').where({ _id: memberId }).limit(1).get()
    return data[0] ? fromDoc<unknown>(data[0]) : null
  }

  async putPreferences(memberId: string, doc: unknown): Promise<void> {
    await this.db
      .collection('member_preferences')
      .doc(memberId)
      .set({ data: doc as DocData })
  }

  async setBirthday(memberId: string, birthday: string): Promise<boolean> {
    try {
      await this.db.collection('member_birthdays').add({ data: { _id: memberId, birthday } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async findBirthday(memberId: string): Promise<string | null> {
    const { data } = await this.db.collection('member_birthdays').where({ _id: memberId }).limit(1).get()
    return data[0]?.birthday ?? null
  }

  async membersBornOn(birthday: string, afterMemberId: string, limit: number): Promise<string[]> {
    const { data } = await this.db
      .collection('member_birthdays')
      .where({ birthday, _id: this.db.command.gt(afterMemberId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => d._id)
  }
}
