import { HOUR_MS } from '../../core/time'
import { likeComment, postComment } from '../../app/comments'
import type { Store } from '../../store/port'
import { LocalContentCheck } from '../content-check'

interface CommentSeed {
  postId: string
  by: string
  text: string
  /** Hours after the post was published. */
  after: number
  replies?: { by: string; text: string; after: number }[]
  /** Demo members who found the comment useful: each a like record. */
  likedBy?: string[]
}

/** What demo members said under the published posts (replies one level deep, never to themselves). */
const COMMENTS: CommentSeed[] = [
  {
    postId: 'post01',
    by: 'm08',
    text: '85 度这个水温真的关键，以前一直用开水，难怪发苦。',
    after: 3,
    likedBy: ['m05', 'consumer-v4', 'm10'],
    replies: [{ by: 'brand', text: '是的，嫩芽怕烫，晾一晾再冲就好。', after: 5 }],
  },
  { postId: 'post01', by: 'm01', text: '下投法第一次听说，今晚试试。', after: 8 },
  {
    postId: 'post02',
    by: 'm10',
    text: '白牡丹确实适合入门，我家常备一饼，煮着喝很甜。',
    after: 6,
    likedBy: ['m09'],
    replies: [{ by: 'm02', text: '煮的话大概煮几分钟？', after: 9 }],
  },
  { postId: 'post03', by: 'koc', text: '冷泡放冰箱一晚刚好，早上带去公司。', after: 4, likedBy: ['m04', 'm01'] },
  { postId: 'post04', by: 'm06', text: '岩韵这个说法终于有人讲清楚了，收藏了。', after: 10 },
  {
    postId: 'post05',
    by: 'm03',
    text: '去年中秋买的礼盒长辈很喜欢，包装也体面。',
    after: 12,
    replies: [{ by: 'm07', text: '同款，今年还打算再买。', after: 20 }],
  },
  { postId: 'post06', by: 'm04', text: '下午三点配一块桃酥，完美。', after: 2 },
  { postId: 'post07', by: 'm07', text: '养壶要有耐心，每天泡完记得擦干。', after: 11, likedBy: ['m08'] },
  { postId: 'post09', by: 'm05', text: '原来茉莉花茶要窨这么多次，难怪香得这么干净。', after: 6 },
  { postId: 'post08', by: 'm08', text: '熟普第一泡我都是快进快出，醒茶用。', after: 7, likedBy: ['m06'] },
  { postId: 'post10', by: 'm02', text: '露营带了一把侧把壶，朋友都说专业。', after: 5 },
  {
    postId: 'post11',
    by: 'm07',
    text: '杏仁酥配龙井是绝配，茶席的布好看，在哪买的？',
    after: 3,
    likedBy: ['m05', 'koc'],
    replies: [{ by: 'consumer-v4', text: '是家里的旧桌旗，改天找找链接。', after: 4 }],
  },
  { postId: 'post11', by: 'm05', text: '照片拍得好有氛围感。', after: 6 },
  {
    postId: 'post12',
    by: 'm01',
    text: '白桃乌龙冷泡我也天天喝，续命！',
    after: 2,
    likedBy: ['m04'],
    replies: [{ by: 'koc', text: '加两块冰更好喝～', after: 3 }],
  },
  { postId: 'post13', by: 'm09', text: '粗陶越用越润，养出包浆的感觉真好。', after: 9 },
  {
    postId: 'post14',
    by: 'm10',
    text: '两年的白牡丹开始转枣香了，再放放会更好。',
    after: 5,
    replies: [{ by: 'm09', text: '听你的，再存一年看看。', after: 8 }],
  },
  { postId: 'post15', by: 'consumer-v4', text: '抹茶拿铁冰的好喝，加一点点糖就够。', after: 4 },
]

/** A comment written the way a member writes it: a deterministic request id, so seeding twice writes nothing new. */
const requestId = (n: number) => `seed-comment-${String(n).padStart(3, '0')}`

/**
 * The demo members' comments, replies and comment likes, written through the comment service: the
 * same content check (the local stand-in), the same daily limit, published posts only. Counts shown
 * are counts of these records.
 */
export async function seedComments(store: Store, now: number): Promise<number> {
  const security = new LocalContentCheck()
  // Nobody opted in to messages yet: seeding sends none.
  const platform = Object.assign(security, { sendMessage: async () => false })
  let written = 0
  for (const seed of COMMENTS) {
    const post = await store.findPost(seed.postId)
    if (post?.status !== 'approved') continue
    const at = (hours: number) => Math.min(now - HOUR_MS, post.createdAt + hours * HOUR_MS)
    const writer = await store.findMember(seed.by)
    if (!writer) continue
    written += 1
    const comment = await postComment(
      store,
      platform,
      writer,
      { postId: post.id, text: seed.text, requestId: requestId(written) },
      at(seed.after),
    )
    for (const id of seed.likedBy ?? []) {
      const liker = await store.findMember(id)
      if (liker && id !== seed.by) await likeComment(store, liker, comment.id, at(seed.after + 1))
    }
    for (const reply of seed.replies ?? []) {
      const author = await store.findMember(reply.by)
      if (!author) continue
      written += 1
      await postComment(
        store,
        platform,
        author,
        { postId: post.id, parentId: comment.id, text: reply.text, requestId: requestId(written) },
        at(reply.after),
      )
    }
  }
  return written
}
