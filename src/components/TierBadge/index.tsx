import { Text } from '@tarojs/components'
import type { Tier } from '../../../types/domain'
import { tierLabel } from '../../utils/tier'
import './index.scss'

export function TierBadge({ tier }: { tier: Tier }) {
  return <Text className={`tier-badge tier-badge--v${tier}`}>{tierLabel(tier)}</Text>
}
