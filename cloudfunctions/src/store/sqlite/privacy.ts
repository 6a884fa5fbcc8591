import type { ErasedRecord, Erasure, PrivacyStore } from '../port'
import type { PostReaction } from '../../../../types/domain'
import { SqliteBase } from './base'
import { REACTION_TABLES } from './reactions'

/** Privacy: erasing what identifies a member. */
export class SqlitePrivacy extends SqliteBase implements PrivacyStore {
  async erasePersonalData({ member, addressPlaceholder, covers }: Erasure): Promise<void> {
    const id = member.id
    const placeholder = JSON.stringify(addressPlaceholder)
    const eraseReactions = (kind: PostReaction) => {
      const { records, count } = REACTION_TABLES[kind]
      this.sql(`UPDATE posts SET ${count} = ${count} - 1 WHERE id IN (SELECT post_id FROM ${records} WHERE member_id = ?)`).run(id)
      this.sql(`DELETE FROM ${records} WHERE member_id = ?`).run(id)
    }
    const erase: Record<ErasedRecord, () => void> = {
      birthday: () => this.sql('DELETE FROM member_birthdays WHERE member_id = ?').run(id),
      tags: () => this.sql('DELETE FROM member_tags WHERE member_id = ?').run(id),
      preferences: () => this.sql('DELETE FROM member_preferences WHERE member_id = ?').run(id),
      cart: () => this.sql('DELETE FROM cart_items WHERE member_id = ?').run(id),
      bindings: () => this.sql('DELETE FROM buyer_bindings WHERE buyer_id = ?').run(id),
      messageOptIns: () => this.sql('DELETE FROM message_optins WHERE member_id = ?').run(id),
      imageChecks: () => this.sql('DELETE FROM image_checks WHERE member_id = ?').run(id),
      orderAddresses: () =>
        // The version moves, so a change computed before the erasure cannot write the old address back.
        this.sql(
          "UPDATE orders SET doc = json_set(doc, '$.address', json(?), '$.remark', ''), version = version + 1 WHERE member_id = ?",
        ).run(placeholder, id),
      redemptionAddresses: () =>
        this.sql(
          "UPDATE redemptions SET doc = json_set(doc, '$.address', json(?)) WHERE member_id = ? AND json_extract(doc, '$.address') IS NOT NULL",
        ).run(placeholder, id),
      addressBook: () => this.sql('DELETE FROM address_books WHERE member_id = ?').run(id),
      likes: () => eraseReactions('like'),
      favourites: () => eraseReactions('favourite'),
      commentAuthorship: () => {
        this.sql('UPDATE comments SET author_id = NULL WHERE author_id = ?').run(id)
        this.sql('UPDATE comments SET likes = likes - 1 WHERE id IN (SELECT comment_id FROM comment_likes WHERE member_id = ?)').run(id)
        this.sql('DELETE FROM comment_likes WHERE member_id = ?').run(id)
      },
      follows: () => {
        this.sql(
          'UPDATE follow_counts SET followers = followers - 1 WHERE member_id IN (SELECT creator_id FROM member_follows WHERE follower_id = ?)',
        ).run(id)
        this.sql(
          'UPDATE follow_counts SET following = following - 1 WHERE member_id IN (SELECT follower_id FROM member_follows WHERE creator_id = ?)',
        ).run(id)
        this.sql('DELETE FROM member_follows WHERE follower_id = ? OR creator_id = ?').run(id, id)
        this.sql('UPDATE follow_counts SET followers = 0, following = 0 WHERE member_id = ?').run(id)
      },
      certification: () => this.sql('DELETE FROM creator_certifications WHERE member_id = ?').run(id),
    }
    this.db.transaction(() => {
      this.sql('UPDATE members SET nickname = ?, avatar = ? WHERE id = ?').run(member.nickname, member.avatar, id)
      for (const record of covers) erase[record]()
    })()
  }
}
