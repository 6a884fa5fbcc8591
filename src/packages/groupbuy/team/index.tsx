import { useEffect, useRef, useState } from 'react'
import { PrivacyNotice } from '../../../components/PrivacyNotice'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import type { TeamView } from '../../../../types/api'
import { StateView } from '../../../components'
// By path, not from the components index: only the subpackages that draw posters carry it and its QR encoder.
import { SharePoster } from '../../../components/SharePoster'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { callError } from '../../../services/errors'
import { groupbuyApi } from '../../../services/groupbuy'
import { mediaUrl } from '../../../services/media'
import { useSession } from '../../../stores/session'
import { formatFen } from '../../../utils/money'
import { PAGES, parseTeamScene, productPath, readParam, teamPath } from '../../../utils/routes'
import { isLive, teamSizeLabel } from '../shared/labels'
import { ActionBar } from './ActionBar'
import { SeatsGrid } from './SeatsGrid'
import { SkuSheet } from './SkuSheet'
import { StatusBanner } from './StatusBanner'
import { loadTeamPoster, teamShareMessage } from './share'
import { useJoin } from './useJoin'
import './index.scss'

/** How often an unsettled team is asked for again, so seats and the outcome appear without a pull. */
export const TEAM_RELOAD_MS = 10_000

const NOT_FOUND = ['TEAM_NOT_FOUND', 'NOT_FOUND']

export default function TeamPage() {
  const { params } = useRouter()
  // A team invite poster's mini program code names the team in its scene rather than in `teamId`.
  const teamId = readParam(params.teamId) ?? parseTeamScene(params.scene) ?? ''
  const campaignId = readParam(params.campaignId)
  // What the viewer may do depends on who is asking.
  const token = useSession((session) => session.token)
  const shareCode = useSession((session) => session.member?.shareCode ?? null)
  const signedIn = useSignedIn()
  /** The last team shown: a failed background reload keeps it on screen instead of an error. */
  const shown = useRef<TeamView | null>(null)
  const reloadingQuietly = useRef(false)
  const team = useRemote(async () => {
    const quiet = reloadingQuietly.current
    if (!teamId) throw callError('TEAM_NOT_FOUND', '没有找到这个拼团')
    try {
      shown.current = await groupbuyApi.team({ teamId })
      return shown.current
    } catch (error) {
      if (quiet && shown.current) return shown.current
      throw error
    }
  }, [teamId, token])

  const reloadQuietly = () => {
    reloadingQuietly.current = true
    const done = team.refresh()
    reloadingQuietly.current = false
    return done
  }

  // Polls while the page is on screen and the team is unsettled; coming back to the page reloads at once.
  const [visible, setVisible] = useState(true)
  const wasHidden = useRef(false)
  useDidHide(() => {
    wasHidden.current = true
    setVisible(false)
  })
  useDidShow(() => {
    if (wasHidden.current) void reloadQuietly()
    wasHidden.current = false
    setVisible(true)
  })
  const live = team.status === 'ready' && isLive(team.data)
  useEffect(() => {
    if (!live || !visible) return
    const timer = setInterval(() => void reloadQuietly(), TEAM_RELOAD_MS)
    return () => clearInterval(timer)
  }, [live, visible])

  usePullDownRefresh(async () => {
    await team.refresh()
    Taro.stopPullDownRefresh()
  })

  // Every member's card carries their share code, which only counts the channel.
  useShareAppMessage(() =>
    team.status === 'ready'
      ? teamShareMessage(team.data, shareCode)
      : { title: '一起拼团', path: teamPath(teamId, { campaignId, sc: shareCode }) },
  )

  if (team.status === 'loading') return <StateView kind='loading' />
  if (team.status === 'error') {
    return team.code !== null && NOT_FOUND.includes(team.code) ? (
      <StateView
        kind='empty'
        title='拼团不存在或已结束'
        description='去看看正在进行的拼团吧'
        action={{ text: '看看其他拼团', onClick: () => Taro.redirectTo({ url: PAGES.groupbuy }) }}
      />
    ) : (
      <StateView kind='error' message={team.message} onRetry={team.reload} />
    )
  }

  return <TeamScreen team={team.data} signedIn={signedIn} sharePath={teamShareMessage(team.data, shareCode).path} />
}

function TeamScreen({ team, signedIn, sharePath }: { team: TeamView; signedIn: boolean; sharePath: string }) {
  const joining = useJoin(team)
  const [posterOpen, setPosterOpen] = useState(false)
  return (
    <View className='team-page'>
      <View className='gb-box team-head' onClick={() => Taro.navigateTo({ url: productPath(team.productId) })}>
        <Image className='team-head__cover' src={mediaUrl(team.cover)} mode='aspectFill' />
        <View className='team-head__body'>
          <Text className='team-head__title'>{team.productTitle}</Text>
          <View className='team-head__price-row'>
            <Text className='gb-size'>{teamSizeLabel(team.size)}</Text>
            <Text className='team-head__price-label'>拼团价</Text>
            <Text className='gb-price'>{formatFen(team.teamPrice)}</Text>
          </View>
          <Text className='team-head__shipping'>包邮 · 每人 1 件</Text>
        </View>
      </View>

      <StatusBanner team={team} />

      <View className='gb-box'>
        <View className='team-page__seats-head'>
          <Text className='team-page__seats-title'>拼团成员</Text>
          {isLive(team) && (
            <Text className='team-page__seats-count'>
              {team.size - team.seatsLeft}/{team.size} 人
            </Text>
          )}
        </View>
        <SeatsGrid team={team} />
      </View>

      <ActionBar
        team={team}
        signedIn={signedIn}
        sharePath={sharePath}
        joining={joining.loading}
        onJoin={joining.join}
        onMakePoster={() => setPosterOpen(true)}
      />
      {posterOpen && <SharePoster title='邀请好友参团' load={() => loadTeamPoster(team.id)} onClose={() => setPosterOpen(false)} />}
      {joining.skus && <SkuSheet skus={joining.skus} visible={joining.choosing} onChoose={joining.checkout} onClose={joining.closeSheet} />}
      <PrivacyNotice />
    </View>
  )
}
