import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { ChallengeView } from '../../../../types/api'
import { writePostPath } from '../../../utils/routes'
import { shanghaiDay } from '../../../utils/time'

const STATE_LABEL: Record<ChallengeView['state'], string> = { upcoming: '未开始', running: '进行中', ended: '已结束' }

/** What the member has done so far, in the words of the rule: days with an approved post out of the days asked for. */
function progressLine(challenge: ChallengeView): string {
  if (!challenge.progress) return '登录后查看你的打卡进度'
  if (challenge.progress.completed) return `已完成：${challenge.requiredDays} 天打卡达成，获得徽章「${challenge.badge}」`
  return `已打卡 ${challenge.progress.days} / ${challenge.requiredDays} 天`
}

/** A 打卡 challenge of the topic: its rule, window and reward, and the member's progress. */
export function ChallengeCard({ challenge, topicId }: { challenge: ChallengeView; topicId: string }) {
  // Taking part is posting in the topic: the write page opens with it chosen.
  const join = () => void Taro.navigateTo({ url: writePostPath(topicId) })
  return (
    <View className='challenge' aria-label={`打卡挑战 ${challenge.title}`}>
      <View className='challenge__head'>
        <Text className='challenge__title'>{challenge.title}</Text>
        <Text className={`challenge__state challenge__state--${challenge.state}`}>{STATE_LABEL[challenge.state]}</Text>
      </View>
      <Text className='challenge__rule'>
        {shanghaiDay(challenge.startAt)} 至 {shanghaiDay(challenge.endAt - 1)}，在本话题下有 {challenge.requiredDays}{' '}
        个不同的日子发布种草并审核通过，即得 {challenge.rewardPoints} 积分和「{challenge.badge}」徽章（每人一次）
      </Text>
      <Text className='challenge__progress'>{progressLine(challenge)}</Text>
      {challenge.state === 'running' && !challenge.progress?.completed && (
        <Button className='challenge__join' type='primary' size='small' onClick={join}>
          去打卡
        </Button>
      )}
    </View>
  )
}
