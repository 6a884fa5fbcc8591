import { Text, View } from '@tarojs/components'
import type { SeatView, TeamView } from '../../../../types/api'
import { MemberAvatar } from '../shared/MemberAvatar'

/** What a seat shows under its member besides the leader badge: a seat being paid for, or one refunded. */
const SEAT_NOTE: Record<SeatView['status'], string | null> = {
  held: '支付中',
  paid: null,
  refunded: '已退款',
}

/**
 * The seats exactly as the server gives them, by nickname and avatar only, then a "?" for every
 * seat still empty up to the team's size. Nobody is ever made up to fill a team.
 */
export function SeatsGrid({ team }: { team: Pick<TeamView, 'seats' | 'size'> }) {
  const empty = Math.max(0, team.size - team.seats.length)
  return (
    <View className='team-seats'>
      {team.seats.map((seat, index) => {
        const note = SEAT_NOTE[seat.status]
        return (
          <View key={index} className={`team-seat team-seat--${seat.status}`}>
            <View className='team-seat__picture'>
              <MemberAvatar nickname={seat.nickname} avatar={seat.avatar} />
              {seat.leader && <Text className='team-seat__leader'>团长</Text>}
            </View>
            <Text className='team-seat__name'>{seat.nickname}</Text>
            {note && <Text className='team-seat__note'>{note}</Text>}
          </View>
        )
      })}
      {Array.from({ length: empty }, (_, index) => (
        <View key={`empty-${index}`} className='team-seat team-seat--empty'>
          <View className='team-seat__picture'>
            <View className='gb-avatar team-seat__placeholder'>?</View>
          </View>
          <Text className='team-seat__name'>待加入</Text>
        </View>
      ))}
    </View>
  )
}
