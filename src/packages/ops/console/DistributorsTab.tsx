import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { DistributorAdminView } from '../../../../types/api'
import type { DistributorStatus } from '../../../../types/domain'
import { TextField } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { distributorReviewApi } from '../../../services/distributorReview'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { shanghaiDateTime } from '../../../utils/time'
import { PagedRows, StageChips } from './parts'

const PAGE_SIZE = 10
const STATUSES: { status: DistributorStatus; title: string }[] = [
  { status: 'pending', title: '待审核' },
  { status: 'approved', title: '已通过' },
  { status: 'frozen', title: '已冻结' },
  { status: 'rejected', title: '未通过' },
]
const STATUS_LABELS = Object.fromEntries(STATUSES.map((s) => [s.status, s.title])) as Record<DistributorStatus, string>

/** 分销 (service): applications to approve or reject with a reason the applicant sees; distributors frozen and unfrozen. */
export function DistributorsTab() {
  const [status, setStatus] = useState<DistributorStatus>('pending')
  const list = usePagedList((page) => distributorReviewApi.list({ status, page, pageSize: PAGE_SIZE }), [status])
  const [decided, setDecided] = useState<Record<string, DistributorAdminView>>({})
  return (
    <View className='ops-orders'>
      <StageChips options={STATUSES.map((s) => ({ key: s.status, title: s.title }))} chosen={status} onChoose={setStatus} />
      <PagedRows list={list} empty={{ title: `没有${STATUS_LABELS[status]}的分销员` }}>
        {(d) => (
          <DistributorCard
            key={d.memberId}
            distributor={decided[d.memberId] ?? d}
            onDecided={(view) => setDecided((all) => ({ ...all, [view.memberId]: view }))}
          />
        )}
      </PagedRows>
    </View>
  )
}

function DistributorCard({
  distributor,
  onDecided,
}: {
  distributor: DistributorAdminView
  onDecided: (view: DistributorAdminView) => void
}) {
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const act = async (run: () => Promise<DistributorAdminView>, done: string) => {
    setPending(true)
    try {
      onDecided(await run())
      void Taro.showToast({ title: done, icon: 'none' })
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  const { memberId, status } = distributor
  const why = reason.trim()
  const needReason = () => void Taro.showToast({ title: '请填写原因，对方会看到它', icon: 'none' })
  return (
    <View className='ops-order' data-distributor={memberId}>
      <View className='ops-order__head'>
        <Text className='ops-order__no'>
          {distributor.nickname}（{distributor.code}）
        </Text>
        <Text>{STATUS_LABELS[status]}</Text>
      </View>
      <Text className='ops-order__address'>{`申请于 ${shanghaiDateTime(distributor.appliedAt)}${distributor.note ? ` · ${distributor.note}` : ''}`}</Text>
      {status === 'pending' && (
        <>
          <TextField value={reason} placeholder='不通过的原因（对方可见）' maxLength={100} onChange={setReason} />
          <View className='ops-distributor__actions'>
            <Button
              size='small'
              type='primary'
              loading={pending}
              onClick={() => void act(() => distributorReviewApi.approve(memberId), '已通过')}
            >
              通过
            </Button>
            <Button
              size='small'
              type='danger'
              fill='outline'
              disabled={pending}
              onClick={() => (why ? void act(() => distributorReviewApi.reject(memberId, why), '已拒绝') : needReason())}
            >
              不通过
            </Button>
          </View>
        </>
      )}
      {status === 'approved' && (
        <Button
          size='small'
          type='danger'
          fill='outline'
          loading={pending}
          onClick={async () => {
            if (
              !(await confirmAction('冻结分销员？', `${distributor.nickname} 将不能再获得佣金，直到解冻。`, '冻结', { destructive: true }))
            )
              return
            await act(() => distributorReviewApi.freeze(memberId, true, '后台冻结'), '已冻结')
          }}
        >
          冻结
        </Button>
      )}
      {status === 'frozen' && (
        <Button
          size='small'
          type='primary'
          fill='outline'
          loading={pending}
          onClick={() => void act(() => distributorReviewApi.freeze(memberId, false), '已解冻')}
        >
          解冻
        </Button>
      )}
    </View>
  )
}
