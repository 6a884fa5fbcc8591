/**
 * Account deletion on CloudBase is a series of separate writes: cut short at any of them (the
 * emulator fails that write), asking again finishes it, and the result is what one uninterrupted
 * deletion leaves.
 */
import { describe, expect, it } from 'vitest'
import type { FunctionName, OrderView, QuoteView } from '../../types/api'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { emulatedEnvironment, emulator } from '../doubles/cloudbase-emulator/sdk'
import { ok } from '../support/calls'
import { SteppedClock, T0, post, smallShop } from '../support/fixtures'

const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }
const ERASED = [
  'members',
  'orders',
  'redemptions',
  'member_birthdays',
  'member_tags',
  'member_preferences',
  'cart_items',
  'message_optins',
  'address_books',
  'post_likes',
  'post_favourites',
  'post_counts',
  'comments',
  'comment_likes',
  'comment_days',
  'follows',
  'follow_counts',
  'creator_certifications',
]

/** A member with a received order, a birthday, a cart, an address book, likes and favourites, follows both ways and a 达人 certification, ready to delete their account. */
async function shopWithMember() {
  const { db, environment } = await emulatedEnvironment()
  const store = new CloudbaseStore(db)
  const clock = new SteppedClock(T0)
  const pay = new LocalPayProvider(store, clock)
  const call = (fn: FunctionName, action: string, data: unknown, memberId = 'v1') =>
    dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
  await smallShop(store)
  const items = [{ skuId: 'p1-s1', quantity: 1 }]
  const q = await ok<QuoteView>(call('order', 'quote', { items }))
  const { order } = await ok<{ order: OrderView }>(
    call('order', 'create', { requestId: 'erasure-0001', items, address, expectedPayable: q.payable }),
  )
  await pay.pay(order.id, false)
  await ok(call('order', 'ship', { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' }, 'brand'))
  await ok(call('order', 'confirmReceipt', { orderId: order.id }))
  await ok(call('member', 'setBirthday', { birthday: '05-20' }))
  await ok(call('order', 'cartAdd', { skuId: 'p3-s1', quantity: 1 }))
  await ok(call('member', 'addAddress', { requestId: 'erasure-address', address }))
  for (const postId of ['post1', 'post2']) {
    await ok(call('post', 'like', { postId }))
    await ok(call('post', 'favourite', { postId }))
  }
  const { id: commentId } = await ok<{ id: string }>(
    call('post', 'comment', { postId: 'post1', text: '我的评论', requestId: 'erasure-comment' }),
  )
  await ok(call('post', 'likeComment', { commentId }))
  // v1 follows two creators and is followed by one, and is 达人.
  await store.putPost(post('v1-post', { authorId: 'v1', kind: 'ugc' }))
  await ok(call('post', 'follow', { creatorId: 'v4' }))
  await ok(call('post', 'follow', { creatorId: 'brand' }))
  await ok(call('post', 'follow', { creatorId: 'v1' }, 'v4'))
  await ok(call('member', 'certifyCreator', { memberId: 'v1', reason: '长期分享真实好物' }, 'brand'))
  // The local pay provider draws each payment's transaction id at random, and an erasure asked again
  // moves the orders' version once more (it only fences out more stale changes); all else is the same.
  const erased = () =>
    JSON.parse(
      JSON.stringify(Object.fromEntries(ERASED.map((c) => [c, environment.documents(c)])))
        .replace(/"transactionId":"\d+"/g, '"transactionId":"…"')
        .replace(/"version":\d+/g, '"version":"…"'),
    )
  return { call, erased }
}

describe('account deletion on CloudBase, cut short at any write', () => {
  it('is finished by asking again and leaves what one uninterrupted deletion leaves', async () => {
    const reference = await shopWithMember()
    expect(await reference.call('member', 'deleteAccount', { confirm: '注销账号' })).toMatchObject({ ok: true })
    const expected = reference.erased()
    expect(JSON.stringify(expected)).not.toContain(address.phone)
    expect(JSON.stringify([expected.post_likes, expected.post_favourites])).not.toContain('v1')
    // What v1 liked and kept no longer counts: post1 keeps the two likes of others.
    expect(expected.post_counts).toContainEqual({ _id: 'post1', likes: 2, favourites: 0 })
    // v1's comment stays without its author, and without v1's like.
    expect(expected.comments).toContainEqual(expect.objectContaining({ text: '我的评论', authorId: null, likes: 0 }))
    expect(JSON.stringify([expected.comment_likes, expected.comment_days])).not.toContain('v1')
    // v1 follows no one and no one follows v1; the creators' counts dropped with the records; no 达人 left.
    expect(expected.follows).toEqual([])
    expect(expected.follow_counts).toEqual(
      expect.arrayContaining([
        { _id: 'v4', followers: 0, following: 0 },
        { _id: 'brand', followers: 0, following: 0 },
      ]),
    )
    expect(expected.creator_certifications).toEqual([])

    const running = await emulator()
    // Cut at every write in turn, until a deletion has no write left to cut.
    for (let nth = 1; ; nth += 1) {
      const shop = await shopWithMember()
      running.failWrite(nth)
      const first = await shop.call('member', 'deleteAccount', { confirm: '注销账号' })
      if (first.ok) {
        expect(nth, 'writes an erasure makes').toBeGreaterThan(9)
        break
      }
      expect(await shop.call('member', 'deleteAccount', { confirm: '注销账号' })).toMatchObject({ ok: true })
      expect(shop.erased(), `cut at write ${nth}`).toEqual(expected)
    }
  }, 120_000)
})
