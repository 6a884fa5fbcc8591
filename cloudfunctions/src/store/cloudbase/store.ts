import type { Store } from '../port'
import { CloudbaseBase } from './base'
import { CloudbaseAudit } from './audit'
import { CloudbaseCampaigns } from './campaigns'
import { CloudbaseCatalog } from './catalog'
import { CloudbaseContent } from './content'
import { CloudbaseDistribution } from './distribution'
import { CloudbaseGroupBuy } from './groupbuy'
import { CloudbaseJobs } from './jobs'
import { CloudbaseMembers } from './members'
import { CloudbaseMessages } from './messages'
import { CloudbaseOrders } from './orders'
import { CloudbaseOutbox } from './outbox'
import { CloudbasePoints } from './points'
import { CloudbasePrivacy } from './privacy'
import { CloudbaseRedeem } from './redeem'
import { CloudbaseTiers } from './tiers'
import { CloudbaseTouchpoints } from './touchpoints'

/** Collections this adapter keeps (README lists them with their indexes). */
export const COLLECTIONS = [
  'categories',
  'products',
  'skus',
  'posts',
  'post_authors',
  'members',
  'touchpoints',
  'channel_days',
  'cart_items',
  'orders',
  'order_numbers',
  'payments',
  'refunds',
  'outbox',
  'points_accounts',
  'points_lots',
  'points_ledger',
  'points_keys',
  'consumer_cursors',
  'job_cursors',
  'growth_entries',
  'tier_status',
  'tier_changes',
  'settings',
  'member_birthdays',
  'redeem_items',
  'redemptions',
  'distributors',
  'buyer_bindings',
  'commission_lines',
  'attributed_orders',
  'commission_accounts',
  'commission_entries',
  'withdrawals',
  'groupbuys',
  'groupbuy_seats_taken',
  'teams',
  'team_seats',
  'message_optins',
  'message_outbox',
  'campaigns',
  'audit_log',
  'member_tags',
  'member_preferences',
  'flash_sold',
  'offer_claims',
  'purchase_counts',
  'stock_adjustments',
] as const

/**
 * The cloudbase adapter of the store port, composed of one adapter per aggregate (each file beside this
 * one implements its port); every aggregate's methods share one CloudbaseBase state.
 */
export class CloudbaseStore extends CloudbaseBase {}

export interface CloudbaseStore
  extends CloudbaseAudit,
    CloudbaseCampaigns,
    CloudbaseCatalog,
    CloudbaseContent,
    CloudbaseDistribution,
    CloudbaseGroupBuy,
    CloudbaseJobs,
    CloudbaseMembers,
    CloudbaseMessages,
    CloudbaseOrders,
    CloudbaseOutbox,
    CloudbasePoints,
    CloudbasePrivacy,
    CloudbaseRedeem,
    CloudbaseTiers,
    CloudbaseTouchpoints {}

for (const part of [
  CloudbaseAudit,
  CloudbaseCampaigns,
  CloudbaseCatalog,
  CloudbaseContent,
  CloudbaseDistribution,
  CloudbaseGroupBuy,
  CloudbaseJobs,
  CloudbaseMembers,
  CloudbaseMessages,
  CloudbaseOrders,
  CloudbaseOutbox,
  CloudbasePoints,
  CloudbasePrivacy,
  CloudbaseRedeem,
  CloudbaseTiers,
  CloudbaseTouchpoints,
]) {
  for (const name of Object.getOwnPropertyNames(part.prototype)) {
    if (name === 'constructor') continue
    Object.defineProperty(CloudbaseStore.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name) as PropertyDescriptor)
  }
}

/** The compiler's check that the aggregates together implement the whole port. */
export type CompleteCloudbaseStore = CloudbaseStore extends Store ? CloudbaseStore : never
