import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { CampaignAdminView, GroupBuyAdminView } from '../../../../types/api'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { campaignsApi } from '../../../services/campaigns'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { CampaignCard } from './CampaignCard'
import { GroupBuyEditor } from './GroupBuyEditor'
import { GroupBuyRow } from './GroupBuyRow'

/** 活动: the kill switch, then every campaign document with its state, on/off switch and schedule. */
export function CampaignsTab() {
  const list = useRemote(() => campaignsApi.list(), [])
  // Answers to enable / disable / schedule replace their row until the list is loaded again.
  const [changed, setChanged] = useState<Record<string, CampaignAdminView>>({})
  const [switched, setSwitched] = useState<Record<string, GroupBuyAdminView>>({})
  const [creating, setCreating] = useState(false)

  const reload = async () => {
    await list.refresh()
    setChanged({})
    setSwitched({})
  }

  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })

  if (list.status === 'loading') return <StateView kind='loading' />
  if (list.status === 'error') return <StateView kind='error' message={list.message} onRetry={list.reload} />

  const { killSwitch } = list.data
  const campaigns = list.data.campaigns.map((campaign) => changed[campaign.id] ?? campaign)
  const replace = (view: CampaignAdminView) => setChanged((rows) => ({ ...rows, [view.id]: view }))
  const groupBuys = list.data.groupBuys.map((groupBuy) => switched[groupBuy.id] ?? groupBuy)

  return (
    <View className='ops-campaigns'>
      <KillSwitch on={killSwitch} onChanged={reload} />
      {campaigns.length === 0 ? (
        <StateView kind='empty' title='还没有活动' description='在云开发控制台的 campaigns 集合中新建活动文档后会显示在这里' />
      ) : (
        <View className='ops-list'>
          {campaigns.map((campaign) => (
            <CampaignCard key={campaign.id} view={campaign} killSwitch={killSwitch} onChanged={replace} />
          ))}
        </View>
      )}
      <View className='section-title'>拼团</View>
      <View className='ops-list'>
        {groupBuys.map((groupBuy) => (
          <GroupBuyRow key={groupBuy.id} view={groupBuy} onChanged={(view) => setSwitched((rows) => ({ ...rows, [view.id]: view }))} />
        ))}
      </View>
      {creating ? (
        <GroupBuyEditor
          doc={null}
          onSaved={() => {
            setCreating(false)
            void reload()
          }}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <Button size='small' fill='outline' onClick={() => setCreating(true)}>
          新建拼团
        </Button>
      )}
      <Text className='ops-note'>每次开关、改期都会写入审计日志。直接在云开发控制台修改的文档，最迟 1 分钟后生效。</Text>
    </View>
  )
}

/** The global kill switch: everything stops at once (campaigns and group-buys), and starts again only when switched back. */
function KillSwitch({ on, onChanged }: { on: boolean; onChanged: () => Promise<void> }) {
  const [pending, setPending] = useState(false)

  const flip = async () => {
    if (pending) return
    const confirmed = on
      ? await confirmAction('恢复全部活动？', '恢复后，已启用且在时间范围内的活动和拼团会立即重新生效。', '确认恢复')
      : await confirmAction('紧急停止全部活动？', '所有活动和拼团将立即停止，会员端不再显示活动，直到你手动恢复。', '确认停止', {
          destructive: true,
        })
    if (!confirmed) return
    setPending(true)
    try {
      const answer = await campaignsApi.killSwitch(!on)
      Taro.showToast({ title: answer.killSwitch ? '已停止全部活动' : '已恢复活动', icon: 'none' })
      await onChanged()
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <View className={`ops-kill${on ? ' ops-kill--on' : ''}`}>
      <View className='ops-kill__text'>
        <Text className='ops-kill__title'>总开关</Text>
        <Text className='ops-kill__state'>{on ? '已紧急停止：所有活动和拼团暂停中' : '正常：活动按各自的开关和时间生效'}</Text>
      </View>
      <Button
        className='ops-kill__button'
        type={on ? 'primary' : 'danger'}
        fill={on ? 'solid' : 'outline'}
        size='small'
        loading={pending}
        onClick={flip}
      >
        {on ? '恢复活动' : '紧急停止全部'}
      </Button>
    </View>
  )
}
