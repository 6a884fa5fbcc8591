import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useReachBottom } from '@tarojs/taro'
import type { RefundCaseTab, StaffCaseView } from '../../../../types/api'
import { TextField } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { afterSaleApi } from '../../../services/aftersale'
import { mediaUrl } from '../../../services/media'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { formatFen } from '../../../utils/money'
import { refundKindLabel } from '../../../utils/refunds'
import { shanghaiDateTime } from '../../../utils/time'
import { PagedRows, StageChips } from './parts'

const STAGES: { key: RefundCaseTab; title: string }[] = [
  { key: 'reviewing', title: '待审核' },
  { key: 'returning', title: '待买家寄回' },
  { key: 'returned', title: '待确认收货' },
  { key: 'refunding', title: '退款中' },
  { key: 'done', title: '已结束' },
]

const STATUS = {
  reviewing: '待审核',
  returning: '待买家寄回',
  returned: '买家已寄回',
  refunding: '退款中',
  refunded: '已退款',
  rejected: '已拒绝',
  cancelled: '已关闭',
} as const

/** 售后 (service): cases by stage, longest waiting first; approve, reject with a reason, confirm returned goods. */
export function AfterSaleTab() {
  const [stage, setStage] = useState<RefundCaseTab>('reviewing')
  const list = usePagedList((page) => afterSaleApi.cases({ tab: stage, page, pageSize: 10 }), [stage])
  const [decided, setDecided] = useState<Record<string, StaffCaseView>>({})
  useReachBottom(() => {
    void list.loadMore()
  })
  return (
    <View className='ops-orders'>
      <StageChips
        options={STAGES}
        chosen={stage}
        onChoose={(next) => {
          // Another stage lists cases as the server has them now, not as they were decided here.
          setDecided({})
          setStage(next)
        }}
      />
      <PagedRows list={list} empty={{ title: '这一栏没有售后申请', description: '买家在发货后申请的退款、退货会在这里等待处理' }}>
        {(c) => <CaseCard key={c.id} view={decided[c.id] ?? c} onDecided={(view) => setDecided((all) => ({ ...all, [view.id]: view }))} />}
      </PagedRows>
    </View>
  )
}

function CaseCard({ view, onDecided }: { view: StaffCaseView; onDecided: (view: StaffCaseView) => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const kind = refundKindLabel(view)
  const act = async (run: () => Promise<StaffCaseView>, done: string) => {
    setPending(true)
    try {
      onDecided(await run())
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  const approve = async () => {
    const effect = view.kind === 'return' ? '买家将按退货地址寄回商品' : `将原路退款 ${formatFen(view.amount)}`
    if (await confirmAction(`同意${kind}？`, effect, '同意')) await act(() => afterSaleApi.approve(view.id), '已同意')
  }
  const reject = async () => {
    if (reason.trim().length < 2) return void Taro.showToast({ title: '请写明拒绝原因（买家可见）', icon: 'none' })
    if (await confirmAction(`拒绝这次${kind}？`, `买家将看到：${reason.trim()}`, '拒绝', { destructive: true })) {
      await act(() => afterSaleApi.reject(view.id, reason.trim()), '已拒绝')
    }
  }
  const received = async () => {
    if (await confirmAction('确认已收到退货？', `确认后将原路退款 ${formatFen(view.amount)}`, '确认收货')) {
      await act(() => afterSaleApi.confirmReturn(view.id), '已确认，退款已发出')
    }
  }
  return (
    <View className='ops-order' role='group' aria-label={`${view.buyer.nickname} 的${kind}`}>
      <View className='ops-order__head'>
        <Text className='ops-order__no'>{`${kind} ${formatFen(view.amount)}`}</Text>
        <Text>{STATUS[view.status]}</Text>
      </View>
      <Text>{`买家：${view.buyer.nickname}　订单 ${view.order.orderNo}`}</Text>
      {view.goods.map((g) => (
        <Text
          key={g.lineId}
        >{`${g.title}${Object.values(g.specs).length ? `（${Object.values(g.specs).join(' ')}）` : ''} ×${g.quantity}  退 ${formatFen(g.amount)}`}</Text>
      ))}
      <Text className='ops-order__remark'>{`原因：${view.reason}`}</Text>
      {(view.photos ?? []).length > 0 && (
        <View className='ops-case__photos'>
          {(view.photos ?? []).map((photo, index) => (
            <Image key={photo} className='ops-case__photo' src={mediaUrl(photo)} mode='aspectFill' aria-label={`凭证 ${index + 1}`} />
          ))}
        </View>
      )}
      {view.order.shipment && (
        <Text className='ops-order__shipment'>{`发货：${view.order.shipment.carrier} ${view.order.shipment.trackingNo}`}</Text>
      )}
      {view.returnParcel && (
        <Text className='ops-order__shipment'>{`退货物流：${view.returnParcel.carrier} ${view.returnParcel.trackingNo}`}</Text>
      )}
      {view.review?.outcome === 'rejected' && <Text className='ops-order__remark'>{`拒绝原因：${view.review.reason ?? ''}`}</Text>}
      <Text className='ops-order__remark'>
        {`${shanghaiDateTime(view.createdAt)} 申请`}
        {view.deadline !== null
          ? `　${view.status === 'reviewing' ? '自动同意' : view.status === 'returned' ? '自动退款' : '寄回截止'}：${shanghaiDateTime(view.deadline)}`
          : ''}
      </Text>
      {view.status === 'reviewing' && (
        <View className='ops-case__actions'>
          <Button type='primary' size='small' loading={pending} onClick={() => void approve()}>
            同意
          </Button>
          {rejecting ? (
            <>
              <TextField value={reason} placeholder='拒绝原因（买家可见）' maxLength={100} onChange={setReason} />
              <Button size='small' fill='outline' loading={pending} onClick={() => void reject()}>
                确认拒绝
              </Button>
            </>
          ) : (
            <Button size='small' fill='outline' onClick={() => setRejecting(true)}>
              拒绝
            </Button>
          )}
        </View>
      )}
      {view.status === 'returned' && (
        <Button type='primary' size='small' loading={pending} onClick={() => void received()}>
          确认收到退货
        </Button>
      )}
    </View>
  )
}
