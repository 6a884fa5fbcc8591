import type { ErasedRecord, Erasure, PrivacyStore } from '../port'
import { CloudbaseBase } from './base'
import { eraseCommentAuthor } from './comments'
import { eraseCertification, eraseFollows } from './creators'
import { eraseReactions } from './reactions'

/** Privacy: erasing what identifies a member. */
export class CloudbasePrivacy extends CloudbaseBase implements PrivacyStore {
  /** One collection at a time; every step can be repeated, so a deletion cut short is finished by asking again. */
  async erasePersonalData({ member, addressPlaceholder, covers }: Erasure): Promise<void> {
    const id = member.id
    const erase: Record<ErasedRecord, () => Promise<unknown>> = {
      birthday: () => this.db.collection('member_birthdays').where({ _id: id }).remove(),
      tags: () => this.db.collection('member_tags').where({ _id: id }).remove(),
      preferences: () => this.db.collection('member_preferences').where({ _id: id }).remove(),
      bindings: () => this.db.collection('buyer_bindings').where({ _id: id }).remove(),
      cart: () => this.db.collection('cart_items').where({ memberId: id }).remove(),
      messageOptIns: () => this.db.collection('message_optins').where({ memberId: id }).remove(),
      imageChecks: () => this.db.collection('image_checks').where({ memberId: id }).remove(),
      orderAddresses: () =>
        this.db
          .collection('orders')
          .where({ memberId: id })
          // The version moves, so a change computed before the erasure cannot write the old address back.
          .update({
            data: {
              address: addressPlaceholder,
              remark: '',
              phoneTail: addressPlaceholder.phone.slice(-4),
              version: this.db.command.inc(1),
            },
          }),
      redemptionAddresses: () =>
        this.db
          .collection('redemptions')
          .where({ memberId: id, kind: 'goods' })
          .update({ data: { address: addressPlaceholder } }),
      addressBook: () => this.db.collection('address_books').where({ _id: id }).remove(),
      likes: () => eraseReactions(this.db, 'like', id),
      favourites: () => eraseReactions(this.db, 'favourite', id),
      commentAuthorship: () => eraseCommentAuthor(this.db, id),
      follows: () => eraseFollows(this.db, id),
      certification: () => eraseCertification(this.db, id),
    }
    await this.db
      .collection('members')
      .doc(id)
      .update({ data: { nickname: member.nickname, avatar: member.avatar } })
    for (const record of covers) await erase[record]()
  }
}
