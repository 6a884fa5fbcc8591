import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { OrderView } from '../../../../types/api'
import { useCountdown } from '../../../hooks/useCountdown'
import type { PaymentOutcome } from '../../../services/payment'
import { formatCountdown } from '../../../utils/time'
import { useOrderActions } from './useOrderActions'

interface OrderActionsProps {
  order: OrderView
  /** Told how a payment started here ended, so the detail page can wait for the server to confirm it. */
  onPaid?: (outcome: PaymentOutcome) => void
}

/** The buttons the server allows for an order now (`can`), with the time left to pay on 去支付. */
export function OrderActions({ order, onPaid }: OrderActionsProps) {
  const actions = useOrderActions()
  const payLeft = useCountdown(order.can.pay ? order.payDeadline : null)
  const canPay = order.can.pay && payLeft > 0
  if (!canPay && !order.can.cancel && !order.can.confirmReceipt && !order.can.refund) return null

  return (
    <View className='order-actions'>
      {order.can.cancel && (
        <Button size='small' fill='outline' disabled={actions.busy} onClick={() => actions.cancel(order)}>
          取消订单
        </Button>
      )}
      {order.can.refund && (
        <Button size='small' fill='outline' disabled={actions.busy} onClick={() => actions.requestRefund(order)}>
          申请退款
        </Button>
      )}
      {order.can.confirmReceipt && (
        <Button size='small' type='primary' disabled={actions.busy} onClick={() => actions.confirmReceipt(order)}>
          确认收货
        </Button>
      )}
      {canPay && (
        <Button
          size='small'
          type='primary'
          disabled={actions.busy}
          onClick={async () => {
            const outcome = await actions.pay(order)
            if (outcome) onPaid?.(outcome)
          }}
        >
          去支付 {formatCountdown(payLeft)}
        </Button>
      )}
    </View>
  )
}
