import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { StateView } from '../../../components'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { AfterSaleTab } from './AfterSaleTab'
import { AuditTab } from './AuditTab'
import { CampaignsTab } from './CampaignsTab'
import { DistributorsTab } from './DistributorsTab'
import { MallGoodsTab } from './MallGoodsTab'
import { ModerationTab } from './ModerationTab'
import { OrdersTab } from './OrdersTab'
import type { StaffRole } from '../../../../types/domain'
import { staffMay } from '../../../utils/staff'
import { ReportTab } from './ReportTab'
import { StaffTab } from './StaffTab'
import './index.scss'

type Tab = 'orders' | 'afterSale' | 'mallGoods' | 'campaigns' | 'moderation' | 'distributors' | 'report' | 'audit' | 'staff'

/** Each tab and the staff role it is for (an owner sees every tab). */
const TABS: { key: Tab; title: string; role: StaffRole }[] = [
  { key: 'campaigns', title: '活动', role: 'merchandiser' },
  { key: 'orders', title: '订单', role: 'service' },
  { key: 'afterSale', title: '售后', role: 'service' },
  { key: 'mallGoods', title: '兑换', role: 'service' },
  { key: 'moderation', title: '审核', role: 'service' },
  { key: 'distributors', title: '分销', role: 'service' },
  { key: 'report', title: '报表', role: 'finance' },
  { key: 'audit', title: '审计', role: 'finance' },
  { key: 'staff', title: '员工', role: 'owner' },
]

/**
 * The local operator console (browser build only; production operators work in the CloudBase
 * console): campaigns and the kill switch, the post moderation queue, the shop report and, for
 * owners, staff. Each staff member sees the tabs of their roles; the server checks every action's
 * role itself, this page only spares others a screen of errors.
 */
export default function OpsConsolePage() {
  const signedIn = useSession((session) => session.token !== null)
  const member = useSession((session) => session.member)
  const tabs = TABS.filter((t) => staffMay(member, t.role))
  const [chosen, setTab] = useState<Tab | null>(null)
  const tab = tabs.some((t) => t.key === chosen) ? chosen : (tabs[0]?.key ?? null)

  if (!signedIn || tabs.length === 0) {
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
      <View className='ops-tabs' role='tablist' aria-label='后台栏目'>
        {tabs.map(({ key, title }) => (
          <View
            key={key}
            role='tab'
            aria-selected={tab === key}
            className={`ops-tabs__tab${tab === key ? ' ops-tabs__tab--active' : ''}`}
            data-tab={key}
            onClick={() => setTab(key)}
          >
            {title}
          </View>
        ))}
      </View>
      {tab === 'orders' && <OrdersTab />}
      {tab === 'afterSale' && <AfterSaleTab />}
      {tab === 'mallGoods' && <MallGoodsTab />}
      {tab === 'campaigns' && <CampaignsTab />}
      {tab === 'moderation' && <ModerationTab />}
      {tab === 'distributors' && <DistributorsTab />}
      {tab === 'report' && <ReportTab />}
      {tab === 'audit' && <AuditTab />}
      {tab === 'staff' && <StaffTab />}
    </View>
  )
}
