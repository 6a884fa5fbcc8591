import { Text, View } from '@tarojs/components'
import type { ChallengeReportRow, TopicReportRow } from '../../../../types/api'
import { shanghaiDay } from '../../../utils/time'

/** 话题 and 打卡挑战 in the report: counts of approved posts, their authors and recorded completions. */
export function CommunityTables({ topics, challenges }: { topics: TopicReportRow[]; challenges: ChallengeReportRow[] }) {
  return (
    <>
      <View className='ops-box ops-report__topics'>
        <Text className='ops-box__title'>话题</Text>
        {topics.length === 0 ? (
          <Text className='ops-note'>还没有话题</Text>
        ) : (
          <View className='ops-table'>
            <View className='ops-table__row ops-table__row--head'>
              <Text className='ops-table__name'>话题</Text>
              <Text className='ops-table__cell'>帖子</Text>
              <Text className='ops-table__cell'>参与人数</Text>
            </View>
            {topics.map((topic) => (
              <View key={topic.id} className='ops-table__row' data-topic={topic.id}>
                <View className='ops-table__name'>
                  <Text>#{topic.name}</Text>
                  {!topic.enabled && <Text className='ops-table__sub'>已停用</Text>}
                </View>
                <Text className='ops-table__cell'>{topic.posts}</Text>
                <Text className='ops-table__cell'>{topic.participants}</Text>
              </View>
            ))}
          </View>
        )}
      </View>
      <View className='ops-box ops-report__challenges'>
        <Text className='ops-box__title'>打卡挑战</Text>
        {challenges.length === 0 ? (
          <Text className='ops-note'>还没有打卡挑战</Text>
        ) : (
          <View className='ops-table'>
            <View className='ops-table__row ops-table__row--head'>
              <Text className='ops-table__name'>挑战</Text>
              <Text className='ops-table__cell'>参与人数</Text>
              <Text className='ops-table__cell'>达成</Text>
              <Text className='ops-table__cell'>已发奖</Text>
            </View>
            {challenges.map((challenge) => (
              <View key={challenge.id} className='ops-table__row' data-challenge={challenge.id}>
                <View className='ops-table__name'>
                  <Text>{challenge.title}</Text>
                  <Text className='ops-table__sub'>
                    {shanghaiDay(challenge.startAt)} 至 {shanghaiDay(challenge.endAt - 1)}
                  </Text>
                </View>
                <Text className='ops-table__cell'>{challenge.participants}</Text>
                <Text className='ops-table__cell'>{challenge.reached}</Text>
                <Text className='ops-table__cell'>{challenge.completions}</Text>
              </View>
            ))}
          </View>
        )}
        <Text className='ops-note'>
          参与人数为窗口内在该话题发过已通过帖子的会员；达成为其中打卡天数已够的；已发奖为已记下的完成（积分与徽章各一次）。
        </Text>
      </View>
    </>
  )
}
