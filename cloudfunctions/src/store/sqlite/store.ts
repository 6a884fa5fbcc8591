import type { Store } from '../port'
import path from 'node:path'
import { SqliteBase } from './base'
import { SqliteAddressBook } from './address-book'
import { SqliteAudit } from './audit'
import { SqliteCampaigns } from './campaigns'
import { SqliteCatalog } from './catalog'
import { SqliteContent } from './content'
import { SqliteCreators } from './creators'
import { SqliteDistribution } from './distribution'
import { SqliteFeed } from './feed'
import { SqliteGroupBuy } from './groupbuy'
import { SqliteImageChecks } from './image-checks'
import { SqliteJobs } from './jobs'
import { SqliteMembers } from './members'
import { SqliteMessages } from './messages'
import { SqliteNotices } from './notices'
import { SqliteOrders } from './orders'
import { SqliteOutbox } from './outbox'
import { SqlitePoints } from './points'
import { SqlitePrivacy } from './privacy'
import { SqliteComments } from './comments'
import { SqliteReactions } from './reactions'
import { SqliteRedeem } from './redeem'
import { SqliteTiers } from './tiers'
import { SqliteTopics } from './topics'
import { SqliteTouchpoints } from './touchpoints'

/** Where the local database lives unless SIYU_DB says otherwise. */
export const DEFAULT_DB_PATH = path.join('.data', 'siyu.db')

/**
 * The sqlite adapter of the store port, composed of one adapter per aggregate (each file beside this
 * one implements its port); every aggregate's methods share one SqliteBase state.
 */
export class SqliteStore extends SqliteBase {}

export interface SqliteStore
  extends SqliteAddressBook,
    SqliteAudit,
    SqliteCampaigns,
    SqliteCatalog,
    SqliteContent,
    SqliteCreators,
    SqliteDistribution,
    SqliteFeed,
    SqliteGroupBuy,
    SqliteImageChecks,
    SqliteJobs,
    SqliteMembers,
    SqliteMessages,
    SqliteNotices,
    SqliteOrders,
    SqliteOutbox,
    SqlitePoints,
    SqlitePrivacy,
    SqliteComments,
    SqliteComments,
    SqliteReactions,
    SqliteRedeem,
    SqliteTiers,
    SqliteTopics,
    SqliteTouchpoints {}

for (const part of [
  SqliteAddressBook,
  SqliteAudit,
  SqliteCampaigns,
  SqliteCatalog,
  SqliteContent,
  SqliteCreators,
  SqliteDistribution,
  SqliteFeed,
  SqliteGroupBuy,
  SqliteImageChecks,
  SqliteJobs,
  SqliteMembers,
  SqliteMessages,
  SqliteNotices,
  SqliteOrders,
  SqliteOutbox,
  SqlitePoints,
  SqlitePrivacy,
  SqliteComments,
  SqliteReactions,
  SqliteRedeem,
  SqliteTiers,
  SqliteTopics,
  SqliteTouchpoints,
]) {
  for (const name of Object.getOwnPropertyNames(part.prototype)) {
    if (name === 'constructor') continue
    Object.defineProperty(SqliteStore.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name) as PropertyDescriptor)
  }
}

/** The compiler's check that the aggregates together implement the whole port. */
export type CompleteSqliteStore = SqliteStore extends Store ? SqliteStore : never
