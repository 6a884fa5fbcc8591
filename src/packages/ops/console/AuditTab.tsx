import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useReachBottom } from '@tarojs/taro'
import type { Req } from '../../../../types/api'
import type { StaffRole } from '../../../../types/domain'
import { TextField } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { campaignsApi } from '../../../services/campaigns'
import { STAFF_ROLE_LABELS } from '../../../utils/staff'
import { shanghaiDateTime } from '../../../utils/time'
import { DayRange, PagedRows, StageChips, wholeDays } from './parts'

type Filters = Omit<Req<'campaign', 'audit'>, 'page' | 'pageSize'>
type Kind = NonNullable<Filters['kind']>

const KINDS: { kind: Kind | null; title: string }[] = [
  { kind: null, title: '全部' },
  { kind: 'order', title: '发货' },
  { kind: 'afterSale', title: '售后' },
  { kind: 'member', title: '会员积分' },
  { kind: 'catalog', title: '商品' },
  { kind: 'settings', title: '设置' },
  { kind: 'campaign', title: '活动' },
  { kind: 'mall', title: '积分商城' },
  { kind: 'distribution', title: '分销' },
  { kind: 'post', title: '审核' },
  { kind: 'comment', title: '评论' },
  { kind: 'staff', title: '员工' },
]

const ACTION_WORDS: Record<string, string> = {
  create: '新建活动',
  update: '修改活动',
  enable: '开启活动',
  disable: '关闭活动',
  schedule: '调整活动时间',
  'killSwitch:on': '一键停止全部活动',
  'killSwitch:off': '恢复全部活动',
  'groupbuy:enable': '开启拼团',
  'groupbuy:save': '编辑拼团',
  'groupbuy:disable': '关闭拼团',
  'order:ship': '发货',
  'refund:approve': '同意售后',
  'refund:reject': '拒绝售后',
  'refund:returnReceived': '确认收到退货',
  'points:adjust': '调整会员积分',
  'settings:tiers': '修改会员等级设置',
  'settings:distribution': '修改分销设置',
  'settings:afterSale': '修改售后设置',
  'product:create': '新建商品',
  'product:update': '修改商品',
  'category:create': '新建分类',
  'category:update': '修改分类',
  'product:shelve': '上架商品',
  'product:unshelve': '下架商品',
  'stock:adjust': '调整库存',
  'redeemItem:create': '新建兑换品',
  'redeemItem:update': '修改兑换品',
  'redemption:fulfil': '兑换品发货',
  'distributor:approved': '通过分销申请',
  'distributor:rejected': '拒绝分销申请',
  'distributor:frozen': '冻结分销员',
  'distribution:defaultRate': '修改默认佣金比例',
  'distribution:productRate': '修改商品佣金比例',
  'post:approved': '通过种草',
  'post:rejected': '驳回种草',
  'comment:hidden': '隐藏评论',
  'comment:shown': '恢复评论',
  'creator:certify': '认证达人',
  'creator:uncertify': '取消达人认证',
}

/** An action in words; staff grants and revokes name the role. */
function actionWords(action: string): string {
  const [verb, what, role] = action.split(':')
  if (verb === 'staff' && role in STAFF_ROLE_LABELS)
    return `${what === 'grant' ? '授予' : '收回'}${STAFF_ROLE_LABELS[role as StaffRole]}角色`
  return ACTION_WORDS[action] ?? action
}

/** 审计 (finance, owners): every staff change — who, what, when, before and after — by person, kind and days. */
export function AuditTab() {
  const [draft, setDraft] = useState({ actor: '', from: '', to: '' })
  const [filters, setFilters] = useState<Filters>({})
  const list = usePagedList((page) => campaignsApi.audit({ ...filters, page, pageSize: 20 }), [filters])
  useReachBottom(() => {
    void list.loadMore()
  })
  const apply = (kind: Kind | null | undefined) =>
    setFilters({
      ...(draft.actor.trim() ? { actor: draft.actor.trim() } : {}),
      ...wholeDays(draft),
      ...(kind ? { kind } : {}),
    })
  return (
    <View className='ops-audit'>
      <StageChips options={KINDS.map(({ kind, title }) => ({ key: kind, title }))} chosen={filters.kind ?? null} onChoose={apply} />
      <View className='ops-orders__search'>
        <TextField
          className='ops-orders__query'
          value={draft.actor}
          placeholder='操作人（会员编号）'
          maxLength={64}
          onChange={(actor) => setDraft({ ...draft, actor })}
        />
        <DayRange draft={draft} onChange={(days) => setDraft({ ...draft, ...days })} />
        <Button size='small' type='primary' fill='outline' onClick={() => apply(filters.kind)}>
          筛选
        </Button>
      </View>
      <PagedRows list={list} empty={{ title: '没有符合条件的记录' }}>
        {(entry) => (
          <View key={entry.id} className='ops-order' role='group' aria-label={`${entry.actorName} ${shanghaiDateTime(entry.at)}`}>
            <View className='ops-order__head'>
              <Text>{`${entry.actorName}${entry.roles?.length ? `（${entry.roles.map((role) => STAFF_ROLE_LABELS[role]).join('、')}）` : ''}`}</Text>
              <Text>{shanghaiDateTime(entry.at)}</Text>
            </View>
            <Text className='ops-audit__what'>{`${actionWords(entry.action)} · ${entry.targetName}`}</Text>
          </View>
        )}
      </PagedRows>
    </View>
  )
}
