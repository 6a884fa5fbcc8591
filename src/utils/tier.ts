import type { Tier } from '../../types/domain'

export const tierLabel = (tier: Tier) => `V${tier}`
