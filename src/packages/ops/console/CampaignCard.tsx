import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Switch } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { CampaignAdminView } from '../../../../types/api'
import { campaignsApi } from '../../../services/campaigns'
import { showFailure } from '../../../utils/feedback'
import { STATE_LABELS, audienceSummary, campaignState, formatWhen, paramsSummary, titleOf, typeLabel, windowOf } from './labels'
import { Problems } from './parts'
import { ScheduleEditor } from './ScheduleEditor'

interface CampaignCardProps {
  view: CampaignAdminView
  killSwitch: boolean
  onChanged: (view: CampaignAdminView) => void
}

/** One campaign document: what it is, whether it is in force and why not, its problems, and its controls. */
export function CampaignCard({ view, killSwitch, onChanged }: CampaignCardProps) {
  const [editing, setEditing] = useState(false)
  const campaign = view.campaign
  const state = campaignState(view, killSwitch, Date.now())
  const span = windowOf(view)
  const type = campaign?.type ?? (view.doc as { type?: unknown } | null)?.type

  // The switch waits for the answer (NutUI shows it loading meanwhile); a refusal leaves it as it was.
  const toggle = async (on: boolean) => {
    try {
      const answer = on ? await campaignsApi.enable(view.id) : await campaignsApi.disable(view.id)
      onChanged(answer)
      Taro.showToast({ title: on ? '已启用' : '已停用', icon: 'none' })
    } catch (error) {
      showFailure(error)
    }
  }

  return (
    <View className={`ops-campaign ops-campaign--${state}`} data-campaign={view.id}>
      <View className='ops-campaign__head'>
        <View className='ops-campaign__name'>
          <Text className='ops-campaign__title'>{titleOf(view)}</Text>
          <Text className='ops-campaign__meta'>
            {typeLabel(type)} · {view.id}
          </Text>
        </View>
        <Switch className='ops-campaign__switch' checked={campaign?.enabled ?? false} disabled={!campaign} onChange={toggle} />
      </View>

      <View className='ops-campaign__row'>
        <Text className={`ops-state ops-state--${state}`}>{STATE_LABELS[state]}</Text>
        <Text className='ops-campaign__window'>
          {formatWhen(span.startAt)} 至 {formatWhen(span.endAt)}
        </Text>
      </View>
      {campaign && (
        <Text className='ops-campaign__detail'>
          {paramsSummary(campaign.params)} · {audienceSummary(campaign.audience)}
        </Text>
      )}

      <Problems problems={view.problems} extra={campaign ? null : '文档无效，活动不会生效；请在云开发控制台修正后再启用。'} />

      {editing ? (
        <ScheduleEditor
          id={view.id}
          startAt={span.startAt}
          endAt={span.endAt}
          onSaved={(answer) => {
            onChanged(answer)
            setEditing(false)
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Text className='ops-campaign__edit' onClick={() => setEditing(true)}>
          修改时间
        </Text>
      )}
    </View>
  )
}
