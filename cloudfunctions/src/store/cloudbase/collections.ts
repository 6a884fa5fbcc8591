/**
 * The CloudBase collections and their indexes, declared once: README's deploy table is rendered from
 * this list (a test keeps them equal), the adapter uses no other collection, and the test emulator
 * creates exactly these and enforces their unique indexes.
 */

export interface IndexSpec {
  fields: readonly string[]
  unique?: boolean
  /** What the index serves, when its fields do not say it. */
  note?: string
}

export interface CollectionSpec {
  name: string
  indexes: readonly IndexSpec[]
  /** What `_id` holds, when it is meaningful. */
  id?: string
}

export const COLLECTIONS: readonly CollectionSpec[] = [
  { name: 'categories', indexes: [{ fields: ['sort'] }] },
  {
    name: 'products',
    indexes: [
      { fields: ['status', 'categoryId', 'sort'] },
      { fields: ['status', 'featured'] },
      { fields: ['status', 'sales'] },
      { fields: ['status', 'createdAt'] },
      { fields: ['status', 'minPrice'] },
      { fields: ['createdAt'], note: 'staff list' },
    ],
  },
  { name: 'skus', indexes: [{ fields: ['productId', 'position'] }] },
  { name: 'stock_adjustments', indexes: [{ fields: ['skuId', 'at'] }], id: "the adjustment's request key" },
  {
    name: 'posts',
    indexes: [
      { fields: ['status', 'createdAt'] },
      { fields: ['status', 'feedRank'], note: 'the 推荐 feed by score' },
      { fields: ['authorId', 'createdAt'] },
      { fields: ['status', 'kind', 'createdAt'] },
      { fields: ['topicIds', 'status', 'createdAt'], note: 'topic pages and challenge progress' },
      { fields: ['authorId', 'status', 'createdAt'], note: 'creator pages and the 关注 feed' },
    ],
  },
  { name: 'topics', indexes: [{ fields: ['name'], unique: true }, { fields: ['createdAt'] }] },
  { name: 'challenges', indexes: [], id: "the challenge's id; operator documents, validated on read" },
  {
    name: 'challenge_completions',
    indexes: [{ fields: ['memberId', 'at'], note: 'badges' }, { fields: ['challengeId'] }],
    id: '`<challengeId>\\|<memberId>`: one completion per challenge and member',
  },
  {
    name: 'image_checks',
    indexes: [{ fields: ['traceId'], unique: true }, { fields: ['subject', 'sentAt'] }, { fields: ['memberId'], note: 'account deletion' }],
    id: '`<subject>\\|<digest of the image>`: one content security check per subject and image',
  },
  { name: 'post_authors', indexes: [], id: "the author's member id; a version each new member post moves, for the pending-post limit" },
  { name: 'post_likes', indexes: [{ fields: ['memberId', 'at'] }], id: '`<postId>\\|<memberId>`: one like per member and post' },
  {
    name: 'post_favourites',
    indexes: [{ fields: ['memberId', 'at'], note: '我的收藏' }],
    id: '`<postId>\\|<memberId>`: one favourite per member and post',
  },
  { name: 'post_counts', indexes: [], id: 'the post id; its likes and favourites, moved in the same transaction as the records' },
  {
    name: 'post_views',
    indexes: [{ fields: ['at'], note: 'the report' }],
    id: '`<postId>\\|<viewer>\\|<day>`: one view per member (or signed-out device) per post and Shanghai day',
  },
  {
    name: 'follows',
    indexes: [{ fields: ['followerId', 'at'], note: 'the 关注 feed' }, { fields: ['creatorId'] }],
    id: '`<followerId>\\|<creatorId>`: one follow per follower and creator',
  },
  {
    name: 'follow_counts',
    indexes: [],
    id: "the member's id; their followers and following, moved in the same transaction as the follows",
  },
  { name: 'creator_certifications', indexes: [], id: "the member's id: certified as 达人 by staff (reason, by whom, when)" },
  {
    name: 'comments',
    indexes: [
      { fields: ['postId', 'parentId', 'audience', 'createdAt'], note: "a post's comments, newest first" },
      { fields: ['postId', 'parentId', 'audience', 'likes'], note: 'most-liked first' },
      { fields: ['parentId', 'audience', 'createdAt'], note: 'replies' },
      { fields: ['state', 'safety', 'createdAt'], note: 'moderation queue' },
      { fields: ['authorId'], note: 'account deletion' },
    ],
    id: "`cm` and a hash of the author and the client's request id: a retried comment names the same document",
  },
  {
    name: 'comment_days',
    indexes: [{ fields: ['memberId'] }],
    id: '`<memberId>\\|<day>`: the comments a member wrote on a Shanghai day, for the daily limit',
  },
  { name: 'comment_likes', indexes: [{ fields: ['memberId'] }], id: '`<commentId>\\|<memberId>`: one like per member and comment' },
  { name: 'members', indexes: [{ fields: ['shareCode'], unique: true }] },
  { name: 'touchpoints', indexes: [{ fields: ['at'] }] },
  { name: 'channel_days', indexes: [{ fields: ['day', 'channel'] }] },
  { name: 'cart_items', indexes: [{ fields: ['memberId', 'addedAt'] }] },
  {
    name: 'orders',
    indexes: [
      { fields: ['memberId', 'createdAt'] },
      { fields: ['memberId', 'afterSale', 'createdAt'] },
      { fields: ['status', 'payDeadline'] },
      { fields: ['status', 'shippedAt'] },
      { fields: ['status', 'receivedAt'] },
      { fields: ['paidAt'], note: 'the operator report' },
      { fields: ['orderNo'] },
      { fields: ['phoneTail', 'createdAt'], note: 'staff search' },
      { fields: ['touch.postId', 'paidAt'], note: "a post's orders, for its 推荐 score" },
    ],
  },
  {
    name: 'placements',
    indexes: [{ fields: ['leaseUntil'] }],
    id: 'the order id: an attempt to place the order, until it stands or what it took is given back',
  },
  { name: 'order_numbers', indexes: [], id: 'the 19-digit order number, held by one order' },
  { name: 'payments', indexes: [], id: 'the WeChat transaction id' },
  {
    name: 'refunds',
    indexes: [
      { fields: ['orderId', 'createdAt'] },
      { fields: ['status', 'createdAt'] },
      { fields: ['status', 'stageAt'], note: 'after-sale queues and timers' },
      { fields: ['memberId', 'status'], note: "a buyer's open cases, counted on 我的" },
    ],
  },
  { name: 'outbox', indexes: [{ fields: ['at'] }] },
  { name: 'points_accounts', indexes: [], id: 'the member id' },
  { name: 'points_lots', indexes: [{ fields: ['memberId', 'status'] }, { fields: ['status', 'expiresAt', 'remaining'] }] },
  { name: 'points_ledger', indexes: [{ fields: ['memberId', 'at'] }] },
  { name: 'points_keys', indexes: [], id: 'the business event key' },
  { name: 'consumer_cursors', indexes: [] },
  { name: 'job_cursors', indexes: [], id: "the timer job's name: where a job cut short by its time budget goes on from" },
  { name: 'settings', indexes: [], id: 'the document name, e.g. `tiers`' },
  { name: 'member_birthdays', indexes: [{ fields: ['birthday'] }], id: 'the member id' },
  { name: 'redeem_items', indexes: [{ fields: ['sort'] }] },
  { name: 'redemptions', indexes: [{ fields: ['memberId', 'itemId', 'status'] }, { fields: ['memberId', 'createdAt'] }] },
  { name: 'growth_entries', indexes: [{ fields: ['memberId', 'at'] }] },
  { name: 'tier_status', indexes: [{ fields: ['keepUntil'] }], id: 'the member id' },
  { name: 'tier_changes', indexes: [{ fields: ['memberId', 'at'] }] },
  { name: 'distributors', indexes: [{ fields: ['status', 'appliedAt'] }], id: 'the member id' },
  { name: 'buyer_bindings', indexes: [], id: "the buyer's member id" },
  {
    name: 'commission_lines',
    indexes: [
      { fields: ['distributorId', 'createdAt'] },
      { fields: ['distributorId', 'status', 'createdAt'] },
      { fields: ['orderId'] },
      { fields: ['status', 'availableAt'] },
    ],
  },
  { name: 'attributed_orders', indexes: [{ fields: ['distributorId', 'paidAt'] }], id: '`<distributorId>\\|<orderId>`' },
  { name: 'commission_accounts', indexes: [], id: "the distributor's member id" },
  { name: 'commission_entries', indexes: [{ fields: ['distributorId', 'at'] }] },
  {
    name: 'withdrawals',
    indexes: [{ fields: ['distributorId', 'createdAt'] }, { fields: ['status', 'createdAt'], note: 'the resend timer' }],
  },
  {
    name: 'handled_notices',
    indexes: [],
    id: 'a WeChat Pay notification receipt (`wxpay-notice:<id>`, `wxpay-signature:<hash>`): handled once, a replay changes nothing',
  },
  { name: 'groupbuys', indexes: [], id: 'the campaign id; operators edit these documents — see docs/API.md' },
  { name: 'groupbuy_seats_taken', indexes: [], id: 'the campaign id' },
  {
    name: 'teams',
    indexes: [
      { fields: ['campaignId', 'status', 'places', 'openedAt'] },
      { fields: ['status', 'expiresAt'] },
      { fields: ['awaitingRefund'] },
    ],
  },
  { name: 'team_seats', indexes: [{ fields: ['memberId', 'campaignId', 'status'] }, { fields: ['memberId', 'openedAt'] }] },
  { name: 'message_optins', indexes: [{ fields: ['topic', 'at'] }] },
  { name: 'message_outbox', indexes: [{ fields: ['at'] }] },
  { name: 'campaigns', indexes: [], id: 'the campaign id; operators edit these documents — see docs/API.md' },
  { name: 'member_tags', indexes: [], id: 'the member id' },
  { name: 'member_preferences', indexes: [], id: 'the member id' },
  {
    name: 'address_books',
    indexes: [],
    id: "the member id; the member's addresses (at most 20, one default) in one document, written whole by version",
  },
  { name: 'flash_sold', indexes: [], id: 'the flash campaign id for its first counter, `<campaign>#<k>` for counter k' },
  { name: 'offer_claims', indexes: [], id: '`<campaignId>\\|<memberId>`' },
  {
    name: 'purchase_counts',
    indexes: [{ fields: ['memberId', 'productId'] }],
    id: "`<memberId>\\|<productId>`: a member's units of a product with a per-member limit",
  },
  { name: 'audit_log', indexes: [{ fields: ['at'] }] },
]

export function collectionSpec(name: string): CollectionSpec | undefined {
  return COLLECTIONS.find((c) => c.name === name)
}

/** README's deploy table (markdown), rendered from COLLECTIONS. */
export function deployTable(): string {
  const cell = (c: CollectionSpec) => {
    const indexes = c.indexes
      .map((i) => `\`${i.fields.join(', ')}\`${i.unique ? ' (unique)' : ''}${i.note ? ` (${i.note})` : ''}`)
      .join('; ')
    const id = c.id ? `(\`_id\` is ${c.id})` : ''
    return [indexes, id].filter(Boolean).join(' ') || '—'
  }
  return ['| collection | indexes |', '|---|---|', ...COLLECTIONS.map((c) => `| ${c.name} | ${cell(c)} |`)].join('\n')
}
