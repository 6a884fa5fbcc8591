import { Image, Text, View } from '@tarojs/components'
import { withPrivacyGuide } from '../../../services/privacy.gate'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { RefundCaseView } from '../../../../types/api'
import { ParcelForm } from '../../../components'
import { api } from '../../../services/api'
import { mediaUrl } from '../../../services/media'
import { useOrderRevision } from '../../../stores/orders'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { formatFen } from '../../../utils/money'
import { shanghaiDateTime } from '../../../utils/time'
import { refundKindLabel } from '../../../utils/refunds'
import { CASE_STATUS_LABEL } from '../shared/status'

/** What the buyer should know or do now, in one sentence. */
function nextStep(refund: RefundCaseView): string {
  const until = refund.deadline !== null ? shanghaiDateTime(refund.deadline) : ''
  switch (refund.status) {
    case 'reviewing':
      return `商家将在 ${until} 前处理，超时未处理将自动同意`
    case 'returning':
      return `商家已同意，请在 ${until} 前寄回商品并填写物流单号，逾期申请将关闭`
    case 'returned':
      return '退货已寄出，商家确认收货后将为你退款'
    case 'refunding':
      return '退款处理中，将原路退回'
    case 'refunded':
      return refund.refundedAt !== null ? `${shanghaiDateTime(refund.refundedAt)} 已原路退回` : '已原路退回'
    case 'rejected':
      return `拒绝原因：${refund.review?.reason ?? ''}。如有疑问可联系客服，或重新申请`
    case 'cancelled':
      return refund.closed?.by === 'timeout' ? '超过寄回期限未填写物流，申请已关闭' : '你已撤销这次申请'
  }
}

/** The order's after-sale cases: where each stands, the return address and parcel form, and withdrawing. */
export function AfterSaleCases({ refunds }: { refunds: RefundCaseView[] }) {
  const orderChanged = useOrderRevision((state) => state.changed)
  const withdraw = async (refund: RefundCaseView) => {
    if (!(await confirmAction('撤销售后申请？', '撤销后商品恢复正常状态，售后期内仍可重新申请', '撤销', { destructive: true }))) return
    try {
      await api.order.withdrawRefund({ refundId: refund.id })
      orderChanged()
    } catch (error) {
      showFailure(error)
    }
  }
  return (
    <View className='order-card-box'>
      <Text className='order-card-title'>售后记录</Text>
      {refunds.map((refund) => (
        <View
          key={refund.id}
          className='order-detail__refund'
          role='group'
          aria-label={`${refundKindLabel(refund)} ${formatFen(refund.amount)}`}
        >
          <View className='order-detail__refund-head'>
            <Text>
              {refundKindLabel(refund)} {formatFen(refund.amount)}
            </Text>
            <Text className={`line-status line-status--${refund.status}`}>{CASE_STATUS_LABEL[refund.status]}</Text>
          </View>
          <Text className='order-detail__refund-next'>{nextStep(refund)}</Text>
          <Text className='order-detail__refund-reason'>原因：{refund.reason}</Text>
          {(refund.photos ?? []).length > 0 && (
            <View className='order-detail__refund-photos'>
              {(refund.photos ?? []).map((photo, index) => (
                <Image
                  key={photo}
                  className='order-detail__refund-photo'
                  src={mediaUrl(photo)}
                  mode='aspectFill'
                  aria-label={`凭证 ${index + 1}`}
                />
              ))}
            </View>
          )}
          {refund.returnAddress && refund.status === 'returning' && (
            <View className='order-detail__return-address'>
              <Text>
                退货地址：{refund.returnAddress.name} {refund.returnAddress.phone} {refund.returnAddress.region}{' '}
                {refund.returnAddress.detail}
              </Text>
              <Text
                className='order-detail__copy'
                onClick={() => {
                  const to = refund.returnAddress!
                  void withPrivacyGuide(() => Taro.setClipboardData({ data: `${to.name} ${to.phone} ${to.region} ${to.detail}` }))
                }}
              >
                复制
              </Text>
            </View>
          )}
          {refund.returnParcel && (
            <Text className='order-detail__refund-time'>
              退货物流：{refund.returnParcel.carrier} {refund.returnParcel.trackingNo}
            </Text>
          )}
          <Text className='order-detail__refund-time'>
            {shanghaiDateTime(refund.createdAt)} 申请{refund.shipping > 0 ? `（含运费 ${formatFen(refund.shipping)}）` : ''}
          </Text>
          {refund.can.sendReturn && (
            <ParcelForm
              submitText='提交退货物流'
              doneText='已提交'
              send={async (parcel) => {
                await api.order.sendReturn({ refundId: refund.id, ...parcel })
                orderChanged()
              }}
            />
          )}
          {refund.can.withdraw && (
            <Button size='small' fill='outline' onClick={() => void withdraw(refund)}>
              撤销申请
            </Button>
          )}
        </View>
      ))}
    </View>
  )
}
