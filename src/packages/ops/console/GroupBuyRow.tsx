import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button, Switch } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { GroupBuyAdminView } from '../../../../types/api'
import { campaignsApi } from '../../../services/campaigns'
import { showFailure } from '../../../utils/feedback'
import { GroupBuyEditor } from './GroupBuyEditor'
import { formatWhen } from './labels'
import { Problems } from './parts'

function stateOf(view: GroupBuyAdminView, now: number): { key: string; label: string } {
  if (view.problems.length > 0 && !view.title) return { key: 'invalid', label: '文档无效' }
  if (view.live) return { key: 'live', label: '进行中' }
  if (!view.enabled) return { key: 'off', label: '已停用' }
  if (now < view.startAt) return { key: 'waiting', label: '未开始' }
  if (now >= view.endAt) return { key: 'ended', label: '已结束' }
  return { key: 'paused', label: '暂停中（活动开关或总开关）' }
}

/** One group-buy document: its one end, whether it takes teams now, and its own switch — wrapped in a campaign or not. */
export function GroupBuyRow({ view, onChanged }: { view: GroupBuyAdminView; onChanged: (view: GroupBuyAdminView) => void }) {
  const state = stateOf(view, Date.now())
  const [editing, setEditing] = useState(false)

  const toggle = async (enabled: boolean) => {
    try {
      onChanged(await campaignsApi.switchGroupBuy(view.id, enabled))
      Taro.showToast({ title: enabled ? '拼团已启用' : '拼团已停用', icon: 'none' })
    } catch (error) {
      showFailure(error)
    }
  }

  return (
    <View className={`ops-campaign ops-campaign--${state.key}`} data-groupbuy={view.id}>
      <View className='ops-campaign__head'>
        <View className='ops-campaign__name'>
          <Text className='ops-campaign__title'>{view.title || view.id}</Text>
          <Text className='ops-campaign__meta'>拼团 · {view.id}</Text>
        </View>
        <Switch
          className='ops-campaign__switch'
          aria-label={`${view.title || view.id} 拼团开关`}
          checked={view.enabled}
          disabled={!view.title}
          onChange={toggle}
        />
      </View>
      <View className='ops-campaign__row'>
        <Text className={`ops-state ops-state--${state.key}`}>{state.label}</Text>
        {view.title && (
          <Text className='ops-campaign__window'>
            {formatWhen(view.startAt)} 至 {formatWhen(view.endAt)}
          </Text>
        )}
      </View>
      <Text className='ops-campaign__detail'>
        {view.campaignIds.length > 0 ? `同时受活动 ${view.campaignIds.join('、')} 的开关控制` : '未被任何活动包含：用右侧开关直接启停'}
      </Text>
      <Problems problems={view.problems} />
      {editing ? (
        <GroupBuyEditor
          doc={view.doc}
          onSaved={(saved) => {
            setEditing(false)
            onChanged(saved)
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Button size='small' fill='outline' onClick={() => setEditing(true)}>
          编辑
        </Button>
      )}
    </View>
  )
}
