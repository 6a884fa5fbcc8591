import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { StateView } from '../../../components'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { useWideScreen } from '../../../hooks/useWideScreen'
import { useSession } from '../../../stores/session'
import './wide.scss'
import { PAGES } from '../../../utils/routes'
import { AfterSaleTab } from './AfterSaleTab'
import { AuditTab } from './AuditTab'
import { CampaignsTab } from './CampaignsTab'
import { DistributorsTab } from './DistributorsTab'
import { MallGoodsTab } from './MallGoodsTab'
import { MembersTab } from './MembersTab'
import { ModerationTab } from './ModerationTab'
import { OrdersTab } from './OrdersTab'
import { ProductsTab } from './ProductsTab'
import type { StaffRole } from '../../../../types/domain'
import { staffMay } from '../../../utils/staff'
import { ReportTab } from './ReportTab'
import { SettingsTab } from './SettingsTab'
import { StaffTab } from './StaffTab'
import './index.scss'

type Tab =
  | 'orders'
  | 'afterSale'
  | 'members'
  | 'products'
  | 'mallGoods'
  | 'campaigns'
  | 'moderation'
  | 'distributors'
  | 'report'
  | 'audit'
  | 'settings'
  | 'staff'

/** Each tab and the staff role it is for (an owner sees every tab). */
const TABS: { key: Tab; title: string; role: StaffRole }[] = [
  { key: 'campaigns', title: '活动', role: 'merchandiser' },
  { key: 'products', title: '商品', role: 'merchandiser' },
  { key: 'orders', title: '订单', role: 'service' },
  { key: 'afterSale', title: '售后', role: 'service' },
  { key: 'members', title: '会员', role: 'service' },
  { key: 'mallGoods', title: '兑换', role: 'service' },
  { key: 'moderation', title: '审核', role: 'service' },
  { key: 'distributors', title: '分销', role: 'service' },
  { key: 'report', title: '报表', role: 'finance' },
  { key: 'audit', title: '审计', role: 'finance' },
  { key: 'settings', title: '设置', role: 'finance' },
  { key: 'staff', title: '员工', role: 'owner' },
]

/**
 * The staff console, the same pages in the mini program (a staff-only subpackage) and the browser:
 * campaigns, orders and after-sales, mall goods, moderation, distributors, the report, the audit log
 * and, for owners, staff. Each staff member sees the tabs of their roles; the server checks every
 * action's role itself, this page only spares others a screen of errors. From 1024 px wide it lays
 * out for a desk: side navigation, tables, filters in a row.
 */
export default function OpsConsolePage() {
  const signedIn = useSignedIn()
  const member = useSession((session) => session.member)
  const tabs = TABS.filter((t) => staffMay(member, t.role))
  const [chosen, setTab] = useState<Tab | null>(null)
  const tab = tabs.some((t) => t.key === chosen) ? chosen : (tabs[0]?.key ?? null)
  const wide = useWideScreen()

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
    <View className={`ops-console${wide ? ' ops-console--wide' : ''}`}>
      <View className='ops-tabs' role='tablist' aria-label='后台栏目' aria-orientation={wide ? 'vertical' : 'horizontal'}>
        {wide && <Text className='ops-tabs__title'>运营后台</Text>}
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
      <View className='ops-console__main'>
        {tab === 'orders' && <OrdersTab wide={wide} />}
        {tab === 'afterSale' && <AfterSaleTab />}
        {tab === 'members' && <MembersTab />}
        {tab === 'products' && <ProductsTab />}
        {tab === 'mallGoods' && <MallGoodsTab />}
        {tab === 'campaigns' && <CampaignsTab />}
        {tab === 'moderation' && <ModerationTab />}
        {tab === 'distributors' && <DistributorsTab />}
        {tab === 'report' && <ReportTab />}
        {tab === 'audit' && <AuditTab />}
        {tab === 'settings' && <SettingsTab />}
        {tab === 'staff' && <StaffTab />}
      </View>
    </View>
  )
}
