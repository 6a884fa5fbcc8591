import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { TeamView } from '../../../../types/api'
import { orderDetailPath, productPath } from '../../../utils/routes'
import { askToSignIn } from '../../../utils/signIn'
import { copyInviteLink } from './share'

interface ActionBarProps {
  team: TeamView
  signedIn: boolean
  /** The share card's path (the browser build copies it instead). */
  sharePath: string
  joining: boolean
  onJoin: () => void
  /** 生成海报: opens the team's invite poster. */
  onMakePoster: () => void
}

/**
 * What the viewer can do, as the server says: their own order when they hold a seat, 参与拼团 when
 * they may join, otherwise why not. While the team fills, its members invite friends by card, link or
 * poster; someone outside the team is asked to join it, not to advertise it.
 */
export function ActionBar({ team, signedIn, sharePath, joining, onJoin, onMakePoster }: ActionBarProps) {
  const { viewer } = team
  const inviting = team.status === 'forming' && viewer.orderId !== null

  let note: string | null = null
  let main: ReactNode
  if (viewer.orderId !== null) {
    const orderId = viewer.orderId
    if (viewer.seat === 'held') note = '你的订单还未支付，名额在支付时限内为你保留，超时自动释放'
    main = (
      <Button
        className='team-bar__main'
        type='primary'
        fill={inviting ? 'outline' : 'solid'}
        onClick={() => Taro.navigateTo({ url: orderDetailPath(orderId) })}
      >
        查看订单
      </Button>
    )
  } else if (!signedIn) {
    main = (
      <Button className='team-bar__main' type='primary' onClick={() => askToSignIn('登录后才能参与拼团')}>
        登录后参团
      </Button>
    )
  } else if (viewer.canJoin) {
    main = (
      <Button className='team-bar__main' type='primary' loading={joining} onClick={onJoin}>
        参与拼团
      </Button>
    )
  } else {
    note = viewer.refusal
    main = (
      <Button
        className='team-bar__main'
        type='primary'
        fill='outline'
        onClick={() => Taro.navigateTo({ url: productPath(team.productId) })}
      >
        查看商品
      </Button>
    )
  }

  return (
    <View className='team-bar'>
      {note && <Text className='team-bar__note'>{note}</Text>}
      <View className='team-bar__row'>
        {inviting && (
          <Button className='team-bar__poster' type='primary' fill='outline' onClick={onMakePoster}>
            生成海报
          </Button>
        )}
        {inviting &&
          (process.env.TARO_ENV === 'weapp' ? (
            <Button className='team-bar__invite' type='primary' fill={viewer.orderId !== null ? 'solid' : 'outline'} openType='share'>
              邀请好友参团
            </Button>
          ) : (
            <Button
              className='team-bar__invite'
              type='primary'
              fill={viewer.orderId !== null ? 'solid' : 'outline'}
              onClick={() => void copyInviteLink(sharePath)}
            >
              邀请好友参团
            </Button>
          ))}
        {main}
      </View>
    </View>
  )
}
