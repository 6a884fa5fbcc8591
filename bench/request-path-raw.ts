import type Database from 'better-sqlite3'
import { shopDay, shopDayBefore } from '../cloudfunctions/src/core/time'
import { lotExpiry } from '../cloudfunctions/src/core/points'
import { growthWindowStart } from '../cloudfunctions/src/core/tiers'
import { redemptionIdFor } from '../cloudfunctions/src/app/redeem'
import type { RedeemItem, Redemption } from '../types/domain'

/**
 * Hand-written SQL making the same writes as the shop's check-in and redemption, one immediate
 * transaction each: the yardstick the service and the dispatched action are read against.
 */

/** A check-in: the account, the lot, the ledger entry, the growth entry and the key, once per member and day; then the upgrade check. */
export function rawCheckIn(db: Database.Database, now: number): (memberId: string) => void {
  const today = shopDay(now)
  const yesterday = shopDayBefore(today, 1)
  const day = today.replaceAll('-', '')
  const hasKey = db.prepare('SELECT 1 FROM points_keys WHERE key = ?')
  const account = db.prepare('SELECT available, last_checkin_day, streak, version FROM points_accounts WHERE member_id = ?')
  const putAccount = db.prepare(
    `INSERT INTO points_accounts (member_id, available, pending, debt, last_checkin_day, streak, post_reward_day, post_rewards_today, version)
     VALUES (?, ?, 0, 0, ?, ?, NULL, 0, 1)
     ON CONFLICT (member_id) DO UPDATE SET available = excluded.available, last_checkin_day = excluded.last_checkin_day,
       streak = excluded.streak, version = points_accounts.version + 1`,
  )
  const addLot = db.prepare(
    "INSERT INTO points_lots (id, member_id, source, ref, amount, remaining, granted_at, expires_at, status) VALUES (?, ?, 'checkin', ?, ?, ?, ?, ?, 'available')",
  )
  const addEntry = db.prepare(
    "INSERT INTO points_ledger (id, member_id, kind, source, ref, delta, at, note) VALUES (?, ?, 'grant', 'checkin', ?, ?, ?, ?)",
  )
  const addGrowth = db.prepare("INSERT INTO growth_entries (id, member_id, amount, reason, at) VALUES (?, ?, 1, 'checkin', ?)")
  const addKey = db.prepare('INSERT INTO points_keys (key) VALUES (?)')
  // The upgrade check a check-in owes (its growth may reach the next tier): the standing and the rolling growth.
  const standing = db.prepare('SELECT tier, keep_until FROM tier_status WHERE member_id = ?')
  const growth = db.prepare('SELECT COALESCE(SUM(amount), 0) AS g FROM growth_entries WHERE member_id = ? AND at > ? AND at <= ?')
  const windowStart = growthWindowStart(now)
  const expiresAt = lotExpiry(now)
  const run = db.transaction((memberId: string) => {
    const key = `checkin:${memberId}:${day}`
    if (hasKey.get(key)) return
    const current = account.get(memberId) as { available: number; last_checkin_day: string | null; streak: number } | undefined
    if (current?.last_checkin_day === today) return
    const streak = current?.last_checkin_day === yesterday ? current.streak + 1 : 1
    const amount = 10
    putAccount.run(memberId, (current?.available ?? 0) + amount, today, streak)
    addLot.run(key, memberId, today, amount, amount, now, expiresAt)
    addEntry.run(key, memberId, today, amount, now, `签到第 ${streak} 天`)
    addGrowth.run(`growth:${key}`, memberId, now)
    addKey.run(key)
    standing.get(memberId)
    growth.get(memberId, windowStart, now)
  })
  return (memberId) => run.immediate(memberId)
}

/** A coupon redemption: limits read, stock taken, points spent from the oldest lot, the ledger entry, the key and the record, under the shop's redemption id. */
export function rawRedemption(db: Database.Database, now: number): (memberId: string, itemId: string, requestKey: string) => void {
  const existing = db.prepare('SELECT 1 FROM redemptions WHERE id = ?')
  const item = db.prepare('SELECT stock, doc FROM redeem_items WHERE id = ?')
  const redeemedAt = db.prepare("SELECT created_at FROM redemptions WHERE member_id = ? AND item_id = ? AND status != 'cancelled'")
  const account = db.prepare('SELECT available, version FROM points_accounts WHERE member_id = ?')
  const lots = db.prepare(
    "SELECT id, remaining FROM points_lots INDEXED BY points_lots_live_by_member WHERE member_id = ? AND status = 'available' AND remaining > 0 ORDER BY expires_at, granted_at, id",
  )
  const takeStock = db.prepare('UPDATE redeem_items SET stock = stock - 1 WHERE id = ? AND stock >= 1')
  const spend = db.prepare('UPDATE points_accounts SET available = ?, version = version + 1 WHERE member_id = ? AND version = ?')
  const takeFromLot = db.prepare('UPDATE points_lots SET remaining = ? WHERE id = ?')
  const addEntry = db.prepare(
    "INSERT INTO points_ledger (id, member_id, kind, source, ref, delta, at, note) VALUES (?, ?, 'spend', 'adjustment', ?, ?, ?, ?)",
  )
  const addKey = db.prepare('INSERT INTO points_keys (key) VALUES (?)')
  const addRedemption = db.prepare(
    "INSERT INTO redemptions (id, member_id, item_id, status, created_at, doc) VALUES (?, ?, ?, 'fulfilled', ?, ?)",
  )
  const run = db.transaction((memberId: string, itemId: string, requestKey: string) => {
    const id = redemptionIdFor(memberId, requestKey)
    if (existing.get(id)) return
    const row = item.get(itemId) as { stock: number; doc: string }
    const listed = JSON.parse(row.doc) as RedeemItem
    redeemedAt.all(memberId, itemId)
    const balance = account.get(memberId) as { available: number; version: number }
    const oldest = (lots.all(memberId) as { id: string; remaining: number }[])[0]
    if (row.stock < 1 || balance.available < listed.pointsPrice || !oldest || oldest.remaining < listed.pointsPrice)
      throw new Error('refused')
    takeStock.run(itemId)
    spend.run(balance.available - listed.pointsPrice, memberId, balance.version)
    takeFromLot.run(oldest.remaining - listed.pointsPrice, oldest.id)
    addEntry.run(`redeem:${id}`, memberId, id, -listed.pointsPrice, now, `积分兑换：${listed.title}`)
    addKey.run(`redeem:${id}`)
    // The record as the shop keeps a credited coupon.
    const coupon = listed.coupon as NonNullable<RedeemItem['coupon']>
    const record: Redemption = {
      id,
      memberId,
      itemId,
      kind: listed.kind,
      title: listed.title,
      image: listed.image,
      pointsPrice: listed.pointsPrice,
      address: null,
      status: 'fulfilled',
      createdAt: now,
      fulfilledAt: now,
      cancelledAt: null,
      expiresAt: now + coupon.validDays * 86_400_000,
      usedByOrder: null,
      coupon: { amountOff: coupon.amountOff, minSpend: coupon.minSpend },
    }
    addRedemption.run(id, memberId, itemId, now, JSON.stringify(record))
  })
  return (memberId, itemId, requestKey) => run.immediate(memberId, itemId, requestKey)
}
