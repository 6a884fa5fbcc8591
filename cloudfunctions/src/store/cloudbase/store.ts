import type { Store } from '../port'
import { CloudbaseBase } from './base'
import { CloudbaseAddressBook } from './address-book'
import { CloudbaseAudit } from './audit'
import { CloudbaseCampaigns } from './campaigns'
import { CloudbaseCatalog } from './catalog'
import { CloudbaseContent } from './content'
import { CloudbaseCreators } from './creators'
import { CloudbaseDistribution } from './distribution'
import { CloudbaseFeed } from './feed'
import { CloudbaseGroupBuy } from './groupbuy'
import { CloudbaseImageChecks } from './image-checks'
import { CloudbaseJobs } from './jobs'
import { CloudbaseMembers } from './members'
import { CloudbaseMessages } from './messages'
import { CloudbaseNotices } from './notices'
import { CloudbaseOrders } from './orders'
import { CloudbaseOutbox } from './outbox'
import { CloudbasePoints } from './points'
import { CloudbasePrivacy } from './privacy'
import { CloudbaseComments } from './comments'
import { CloudbaseReactions } from './reactions'
import { CloudbaseRedeem } from './redeem'
import { CloudbaseTiers } from './tiers'
import { CloudbaseTopics } from './topics'
import { CloudbaseTouchpoints } from './touchpoints'

/**
 * The cloudbase adapter of the store port, composed of one adapter per aggregate (each file beside this
 * one implements its port); every aggregate's methods share one CloudbaseBase state.
 */
export class CloudbaseStore extends CloudbaseBase {}

export interface CloudbaseStore
  extends CloudbaseAddressBook,
    CloudbaseAudit,
    CloudbaseCampaigns,
    CloudbaseCatalog,
    CloudbaseContent,
    CloudbaseCreators,
    CloudbaseDistribution,
    CloudbaseFeed,
    CloudbaseGroupBuy,
    CloudbaseImageChecks,
    CloudbaseJobs,
    CloudbaseMembers,
    CloudbaseMessages,
    CloudbaseNotices,
    CloudbaseOrders,
    CloudbaseOutbox,
    CloudbasePoints,
    CloudbasePrivacy,
    CloudbaseComments,
    CloudbaseComments,
    CloudbaseReactions,
    CloudbaseRedeem,
    CloudbaseTiers,
    CloudbaseTopics,
    CloudbaseTouchpoints {}

for (const part of [
  CloudbaseAddressBook,
  CloudbaseAudit,
  CloudbaseCampaigns,
  CloudbaseCatalog,
  CloudbaseContent,
  CloudbaseCreators,
  CloudbaseDistribution,
  CloudbaseFeed,
  CloudbaseGroupBuy,
  CloudbaseImageChecks,
  CloudbaseJobs,
  CloudbaseMembers,
  CloudbaseMessages,
  CloudbaseNotices,
  CloudbaseOrders,
  CloudbaseOutbox,
  CloudbasePoints,
  CloudbasePrivacy,
  CloudbaseComments,
  CloudbaseReactions,
  CloudbaseRedeem,
  CloudbaseTiers,
  CloudbaseTopics,
  CloudbaseTouchpoints,
]) {
  for (const name of Object.getOwnPropertyNames(part.prototype)) {
    if (name === 'constructor') continue
    Object.defineProperty(CloudbaseStore.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name) as PropertyDescriptor)
  }
}

/** The compiler's check that the aggregates together implement the whole port. */
export type CompleteCloudbaseStore = CloudbaseStore extends Store ? CloudbaseStore : never
