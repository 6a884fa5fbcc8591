import { Text } from '@tarojs/components'

/** A points price as the mall shows it: the number large, "积分" small after it. */
export function PointsAmount({ points, className }: { points: number; className?: string }) {
  return (
    <Text className={`redeem-points${className ? ` ${className}` : ''}`}>
      <Text className='redeem-points__number'>{points}</Text>
      <Text className='redeem-points__unit'>积分</Text>
    </Text>
  )
}
