import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useReachBottom } from '@tarojs/taro'
import type { Req } from '../../../../types/api'
import { TextField } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { campaignsApi } from '../../../services/campaigns'
import { shanghaiDateTime } from '../../../utils/time'
import { DayRange, PagedRows, StageChips, wholeDays } from './parts'

type Filters = Omit<Req<'campaign', 'audit'>, 'page' | 'pageSize'>
type Kind = NonNullable<Filters['kind']>

const KINDS: { kind: Kind | null; title: string }[] = [
  { kind: null, title: '全部' },
  { kind: 'order', title: '发货' },
  { kind: 'campaign', title: '活动' },
  { kind: 'mall', title: '积分商城' },
  { kind: 'distribution', title: '分销' },
  { kind: 'post', title: '审核' },
  { kind: 'staff', title: '员工' },
]

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
          <View key={entry.id} className='ops-order' data-audit={entry.id}>
            <View className='ops-order__head'>
              <Text>{entry.actor}</Text>
              <Text>{shanghaiDateTime(entry.at)}</Text>
            </View>
            <Text className='ops-audit__what'>{`${entry.action} · ${entry.target}`}</Text>
          </View>
        )}
      </PagedRows>
    </View>
  )
}
