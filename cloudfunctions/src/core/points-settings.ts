import { DEFAULT_POINTS_RULE, type PointsRule } from './checkout'
import { CHECK_IN_BASE, POST_REWARDS_PER_DAY, POST_REWARD_POINTS } from './points'
import { readRangedNumbers, settingsRoot } from './settings-doc'

/** The points rules an operator may tune; what they say is published on the points rules page. */
export interface PointsSettings {
  /** Base points of a daily check-in (the streak bonus comes on top, then the tier multiplier). */
  checkInBase: number
  /** Points for an approved post. */
  postRewardPoints: number
  /** Approved posts that earn points per Shanghai day. */
  postRewardsPerDay: number
  /** Share of the goods amount (after member prices) that points may pay, in %. */
  maxDeductPct: number
}

export const DEFAULT_POINTS_SETTINGS: PointsSettings = {
  checkInBase: CHECK_IN_BASE,
  postRewardPoints: POST_REWARD_POINTS,
  postRewardsPerDay: POST_REWARDS_PER_DAY,
  maxDeductPct: DEFAULT_POINTS_RULE.maxDeductPct,
}

// Points are a loyalty reward, not a currency: small daily figures, and never more than half an order paid in points.
const RANGES: Record<keyof PointsSettings, [number, number]> = {
  checkInBase: [1, 20],
  postRewardPoints: [1, 100],
  postRewardsPerDay: [0, 10],
  maxDeductPct: [0, 50],
}

/** The points settings document, validated and clamped: a bad field keeps its default and is reported. */
export function readPointsSettings(doc: unknown): { settings: PointsSettings; problems: string[] } {
  const problems: string[] = []
  const root = settingsRoot(doc, '积分设置', problems)
  const settings = { ...DEFAULT_POINTS_SETTINGS }
  readRangedNumbers(root, RANGES, settings, problems)
  return { settings, problems }
}

/** How points pay for an order under these settings. */
export const pointsRuleOf = (settings: PointsSettings): PointsRule => ({ ...DEFAULT_POINTS_RULE, maxDeductPct: settings.maxDeductPct })
