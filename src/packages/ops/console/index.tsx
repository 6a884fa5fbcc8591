import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { StateView } from '../../../components'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { CampaignsTab } from './CampaignsTab'
import { ModerationTab } from './ModerationTab'
import { ReportTab } from './ReportTab'
import './index.scss'

type Tab = 'campaigns' | 'moderation' | 'report'

const TABS: { key: Tab; title: string }[] = [
  { key: 'campaigns', title: '活动' },
  { key: 'moderation', title: '审核' },
  { key: 'report', title: '报表' },
]

/**
 * The local operator console (browser build only; production operators work in the CloudBase
 * console): campaigns and the kill switch, the post moderation queue, and the shop report. The
 * server checks the operator role on every action; this page only spares others a screen of errors.
 */
export default function OpsConsolePage() {
  const signedIn = useSession((session) => session.token !== null)
  const operator = useSession((session) => session.member?.roles.includes('operator') === true)
  const [tab, setTab] = useState<Tab>('campaigns')

  if (!signedIn || !operator) {
    return (
      <StateView
        kind='empty'
        title='仅运营人员可用'
        description='请在“我的”页以运营身份登录后使用运营后台'
        action={{ text: '去“我的”', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }

  return (
    <View className='ops-console'>
      <View className='ops-tabs'>
        {TABS.map(({ key, title }) => (
          <Text
            key={key}
            className={`ops-tabs__tab${tab === key ? ' ops-tabs__tab--active' : ''}`}
            data-tab={key}
            onClick={() => setTab(key)}
          >
            {title}
          </Text>
        ))}
      </View>
      {tab === 'campaigns' && <CampaignsTab />}
      {tab === 'moderation' && <ModerationTab />}
      {tab === 'report' && <ReportTab />}
    </View>
  )
}
