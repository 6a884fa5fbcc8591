import type { Member, Role, Tier, TierStatus } from '../../../../types/domain'
import { SqliteBase } from './base'
import type { MemberStore } from '../port'

interface MemberRow {
  id: string
  nickname: string
  avatar: string
  tier: number
  roles: string
  share_code: string
  created_at: number
}

const toMember = (r: MemberRow): Member => ({
  id: r.id,
  nickname: r.nickname,
  avatar: r.avatar,
  tier: r.tier as Tier,
  roles: JSON.parse(r.roles),
  shareCode: r.share_code,
  createdAt: r.created_at,
})

/** Members: who they are, their share codes, tags, preferences and birthdays. */
export class SqliteMembers extends SqliteBase implements MemberStore {
  async putMember(m: Member, tier: TierStatus): Promise<void> {
    this.db.transaction(() => {
      this.sql(
        `INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at)
       VALUES (@id, @nickname, @avatar, @tier, @roles, @shareCode, @createdAt)
       ON CONFLICT (id) DO UPDATE SET nickname = excluded.nickname, avatar = excluded.avatar, tier = excluded.tier, roles = excluded.roles`,
      ).run({ ...m, roles: JSON.stringify(m.roles) })
      this.sql(
        `INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, ?, ?, ?)
         ON CONFLICT (member_id) DO UPDATE SET tier = excluded.tier`,
      ).run(m.id, m.tier, tier.attainedAt, tier.keepUntil)
    })()
  }

  async findMember(id: string): Promise<Member | null> {
    const row = this.sql('SELECT * FROM members WHERE id = ?').get(id) as MemberRow | undefined
    return row ? toMember(row) : null
  }

  async findMembers(ids: readonly string[]): Promise<Member[]> {
    const rows = this.sql('SELECT * FROM members WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as MemberRow[]
    return rows.map(toMember)
  }

  async findMemberByShareCode(code: string): Promise<Member | null> {
    const row = this.sql('SELECT * FROM members WHERE share_code = ?').get(code) as MemberRow | undefined
    return row ? toMember(row) : null
  }

  async searchMembersByNickname(fragment: string, limit: number): Promise<Member[]> {
    // LIKE with the fragment's own % and _ taken literally.
    const pattern = `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const rows = this.sql("SELECT * FROM members WHERE nickname LIKE ? ESCAPE '\\' ORDER BY created_at DESC, id LIMIT ?").all(
      pattern,
      limit,
    ) as MemberRow[]
    return rows.map(toMember)
  }

  async registerMember(m: Member, tier: TierStatus): Promise<Member> {
    return this.db.transaction(() => {
      this.sql(
        `INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at)
         VALUES (@id, @nickname, @avatar, @tier, @roles, @shareCode, @createdAt) ON CONFLICT (id) DO NOTHING`,
      ).run({ ...m, roles: JSON.stringify(m.roles) })
      this.sql(
        'INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, ?, ?, ?) ON CONFLICT (member_id) DO NOTHING',
      ).run(m.id, tier.tier, tier.attainedAt, tier.keepUntil)
      return toMember(this.sql('SELECT * FROM members WHERE id = ?').get(m.id) as MemberRow)
    })()
  }

  async listStaff(): Promise<Member[]> {
    const rows = this.sql(
      "SELECT * FROM members WHERE EXISTS (SELECT 1 FROM json_each(members.roles) WHERE value = 'operator') ORDER BY id",
    ).all() as MemberRow[]
    return rows.map(toMember)
  }

  async updateMemberRoles(memberId: string, expected: readonly Role[], next: readonly Role[]): Promise<boolean> {
    return (
      this.sql('UPDATE members SET roles = ? WHERE id = ? AND roles = ?').run(JSON.stringify(next), memberId, JSON.stringify(expected))
        .changes === 1
    )
  }

  async updateMemberProfile(memberId: string, profile: { nickname: string; avatar: string }): Promise<boolean> {
    return (
      this.sql('UPDATE members SET nickname = ?, avatar = ? WHERE id = ?').run(profile.nickname, profile.avatar, memberId).changes === 1
    )
  }

  async listMemberIds(afterId: string, limit: number): Promise<string[]> {
    return (this.sql('SELECT id FROM members WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as { id: string }[]).map((r) => r.id)
  }

  async putMemberTags(memberId: string, tags: readonly string[], at: number): Promise<void> {
    this.sql(
      'INSERT INTO member_tags (member_id, tags, computed_at) VALUES (?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET tags = excluded.tags, computed_at = excluded.computed_at',
    ).run(memberId, JSON.stringify(tags), at)
  }

  async findMemberTags(memberId: string): Promise<string[]> {
    const row = this.sql('SELECT tags FROM member_tags WHERE member_id = ?').get(memberId) as { tags: string } | undefined
    return row ? (JSON.parse(row.tags) as string[]) : []
  }

  async findPreferences(memberId: string): Promise<unknown> {
    const row = this.sql('SELECT doc FROM member_preferences WHERE member_id = ?').get(memberId) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as unknown) : null
  }

  async putPreferences(memberId: string, doc: unknown): Promise<void> {
    this.sql('INSERT INTO member_preferences (member_id, doc) VALUES (?, ?) ON CONFLICT (member_id) DO UPDATE SET doc = excluded.doc').run(
      memberId,
      JSON.stringify(doc),
    )
  }

  async setBirthday(memberId: string, birthday: string): Promise<boolean> {
    return (
      this.sql('INSERT INTO member_birthdays (member_id, birthday) VALUES (?, ?) ON CONFLICT (member_id) DO NOTHING').run(
        memberId,
        birthday,
      ).changes === 1
    )
  }

  async findBirthday(memberId: string): Promise<string | null> {
    return (
      (this.sql('SELECT birthday FROM member_birthdays WHERE member_id = ?').get(memberId) as { birthday: string } | undefined)?.birthday ??
      null
    )
  }

  async membersBornOn(birthday: string, afterMemberId: string, limit: number): Promise<string[]> {
    const rows = this.sql('SELECT member_id FROM member_birthdays WHERE birthday = ? AND member_id > ? ORDER BY member_id LIMIT ?').all(
      birthday,
      afterMemberId,
      limit,
    ) as {
      member_id: string
    }[]
    return rows.map((r) => r.member_id)
  }
}
