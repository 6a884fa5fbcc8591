import { useEffect, useRef, useState } from 'react'
import { PrivacyNotice } from '../../../components/PrivacyNotice'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { StateView } from '../../../components'
import { useCountdown } from '../../../hooks/useCountdown'
import { useRemote } from '../../../hooks/useRemote'
import { api } from '../../../services/api'
import { callError } from '../../../services/errors'
import { useOrderRevision } from '../../../stores/orders'
import { useSession } from '../../../stores/session'
import { PAGES, readParam } from '../../../utils/routes'
import { formatCountdown } from '../../../utils/time'
import { OrderActions } from '../shared/OrderActions'
import { ORDER_STATUS_LABEL, orderStatusNote } from '../shared/status'
import { OrderSections } from './OrderSections'
import './index.scss'

/** After paying, WeChat Pay tells the server a moment later; ask again this often, this many times. */
const CONFIRM_EVERY_MS = 1500
const CONFIRM_ATTEMPTS = 8

export default function OrderDetailPage() {
  const { params } = useRouter()
  const orderId = readParam(params.orderId) ?? ''
  const token = useSession((session) => session.token)
  const detail = useRemote(
    () => (orderId ? api.order.detail({ orderId }) : Promise.reject(callError('ORDER_NOT_FOUND', '订单不存在'))),
    [orderId, token],
  )
  const order = detail.status === 'ready' ? detail.data : null

  // Actions here and on the refund page bump the revision: show what the server now says, in place.
  const revision = useOrderRevision((state) => state.revision)
  const seenRevision = useRef(revision)
  useEffect(() => {
    if (revision === seenRevision.current) return
    seenRevision.current = revision
    void detail.refresh()
  }, [revision])

  // Paid on this device but not yet confirmed by the server: ask again a few times, never assume.
  const [confirmAttempts, setConfirmAttempts] = useState(params.paid === '1' ? CONFIRM_ATTEMPTS : 0)
  const awaitingPayment = order?.status === 'created' && confirmAttempts > 0
  useEffect(() => {
    if (!awaitingPayment) return
    const timer = setTimeout(() => {
      setConfirmAttempts((left) => left - 1)
      void detail.refresh()
    }, CONFIRM_EVERY_MS)
    return () => clearTimeout(timer)
  }, [awaitingPayment, confirmAttempts])

  // When the time to pay runs out, the server no longer offers 去支付; show that.
  const payLeft = useCountdown(order?.can.pay ? order.payDeadline : null)
  const payExpired = order?.can.pay === true && payLeft === 0
  useEffect(() => {
    if (payExpired) void detail.refresh()
  }, [payExpired])

  usePullDownRefresh(async () => {
    await detail.refresh()
    Taro.stopPullDownRefresh()
  })

  if (detail.status === 'loading') return <StateView kind='loading' />
  if (detail.status === 'error') {
    return detail.code === 'ORDER_NOT_FOUND' ? (
      <StateView
        kind='empty'
        title='订单不存在'
        description='它可能属于另一个账号'
        action={{ text: '查看我的订单', onClick: () => Taro.redirectTo({ url: PAGES.orders }) }}
      />
    ) : (
      <StateView kind='error' message={detail.message} onRetry={detail.reload} />
    )
  }

  const data = detail.data
  const hasActions = data.can.pay || data.can.cancel || data.can.confirmReceipt || data.can.refund
  return (
    <View className={`order-detail${hasActions ? ' order-detail--with-bar' : ''}`}>
      <View className={`order-detail__header order-detail__header--${data.status}`}>
        <Text className='order-detail__status'>{ORDER_STATUS_LABEL[data.status]}</Text>
        <Text className='order-detail__note'>
          {awaitingPayment
            ? '正在确认支付结果…'
            : data.status === 'created' && data.can.pay
              ? `剩余 ${formatCountdown(payLeft)}，超时订单将自动取消`
              : orderStatusNote(data)}
        </Text>
      </View>
      <OrderSections order={data} />
      {hasActions && (
        <View className='order-detail__bar'>
          <OrderActions order={data} onPaid={(outcome) => outcome.kind === 'paid' && setConfirmAttempts(CONFIRM_ATTEMPTS)} />
        </View>
      )}
      <PrivacyNotice />
    </View>
  )
}
