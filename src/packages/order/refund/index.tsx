import { useRef, useState } from 'react'
import { PrivacyNotice } from '../../../components/PrivacyNotice'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import type { OrderDetailView } from '../../../../types/api'
import type { Fen, RefundKind } from '../../../../types/domain'
import { GoodsRow, ImageUploader, StateView, TickBox } from '../../../components'
import { useImageUploads } from '../../../hooks/useImageUploads'
import { useRemote } from '../../../hooks/useRemote'
import { api } from '../../../services/api'
import { callError, describeError, isCallError } from '../../../services/errors'
import { useOrderRevision } from '../../../stores/orders'
import { useSession } from '../../../stores/session'
import { showFailure } from '../../../utils/feedback'
import { formatFen } from '../../../utils/money'
import { orderDetailPath, readParam } from '../../../utils/routes'
import { LINE_STATUS_LABEL, orderStatusNote } from '../shared/status'
import {
  NOTE_MAX,
  PHOTOS_MAX,
  PRESET_REASONS,
  type PresetReason,
  REFUND_KINDS,
  composeReason,
  photosProblem,
  reasonProblem,
} from './reason'
import './index.scss'

/**
 * What the chosen lines would pay back, for display: each line's paid amount not yet refunded, plus
 * shipping when nothing else stays unrefunded and the parcel never left. The server decides.
 */
function expectedRefund(order: OrderDetailView, chosen: readonly string[]): { total: Fen; shipping: Fen } {
  const lines = order.lines.filter((line) => chosen.includes(line.id))
  const goods = lines.reduce((sum, line) => sum + line.paidAmount - line.refundedAmount, 0)
  const leftOver = order.lines.some((line) => line.status !== 'refunded' && !chosen.includes(line.id))
  const shipping = chosen.length > 0 && !leftOver && order.shippedAt === null ? order.shipping : 0
  return { total: goods + shipping, shipping }
}

export default function RefundPage() {
  const { params } = useRouter()
  const orderId = readParam(params.orderId) ?? ''
  const token = useSession((session) => session.token)
  const detail = useRemote(
    () => (orderId ? api.order.detail({ orderId }) : Promise.reject(callError('ORDER_NOT_FOUND', '订单不存在'))),
    [orderId, token],
  )
  const orderChanged = useOrderRevision((state) => state.changed)
  const [picked, setPicked] = useState<string[] | null>(null)
  const [preset, setPreset] = useState<PresetReason | null>(null)
  const [note, setNote] = useState('')
  const [kind, setKind] = useState<RefundKind>('refund')
  const photos = useImageUploads()
  const [submitting, setSubmitting] = useState(false)
  const submittingNow = useRef(false)

  const backToOrder = () => (Taro.getCurrentPages().length > 1 ? Taro.navigateBack() : Taro.redirectTo({ url: orderDetailPath(orderId) }))

  if (detail.status === 'loading') return <StateView kind='loading' />
  if (detail.status === 'error') return <StateView kind='error' message={detail.message} onRetry={detail.reload} />

  const order = detail.data
  const refundable = order.lines.filter((line) => line.status === 'normal')
  if (!order.can.refund || refundable.length === 0) {
    return (
      <StateView
        kind='empty'
        title='这个订单现在不能申请退款'
        description={orderStatusNote(order)}
        action={{ text: '返回订单', onClick: backToOrder }}
      />
    )
  }

  // With one line there is nothing to choose; otherwise the member picks.
  const chosen = picked ?? (refundable.length === 1 ? [refundable[0].id] : [])
  const toggle = (lineId: string) => setPicked(chosen.includes(lineId) ? chosen.filter((id) => id !== lineId) : [...chosen, lineId])
  const allChosen = chosen.length === refundable.length
  const refund = expectedRefund(order, chosen)
  // Once the parcel left, the buyer chooses whether the goods go back; the shop reviews either.
  const shipped = order.shippedAt !== null

  const submit = async () => {
    if (submittingNow.current) return
    const problem = chosen.length === 0 ? '请选择要退款的商品' : (reasonProblem(preset, note) ?? photosProblem(photos.images))
    if (problem) {
      void Taro.showToast({ title: problem, icon: 'none' })
      return
    }
    submittingNow.current = true
    setSubmitting(true)
    try {
      const photoRefs = photos.images.map((image) => image.ref).filter((ref): ref is string => ref !== null)
      await api.order.requestRefund({
        orderId,
        lineIds: chosen,
        reason: composeReason(preset, note),
        ...(shipped ? { kind } : {}),
        ...(photoRefs.length > 0 ? { photos: photoRefs } : {}),
      })
      orderChanged()
      void Taro.showToast({ title: shipped ? '已提交，等待商家审核' : '退款申请已提交', icon: 'none' })
      await backToOrder()
    } catch (error) {
      submittingNow.current = false
      setSubmitting(false)
      const code = isCallError(error) ? error.code : null
      if (code === 'REFUND_CLOSED') {
        await Taro.showModal({ title: '不能申请退款', content: describeError(error), showCancel: false, confirmText: '返回订单' })
        orderChanged()
        await backToOrder()
      } else if (code === 'LINE_NOT_REFUNDABLE' || code === 'LINE_NOT_FOUND') {
        showFailure(error)
        setPicked(null)
        void detail.refresh()
      } else {
        showFailure(error)
      }
    }
  }

  return (
    <View className='refund'>
      <View className='refund__card'>
        <View className='refund__card-head'>
          <Text className='refund__card-title'>选择退款商品</Text>
          {refundable.length > 1 && (
            <TickBox checked={allChosen} label='全选' onChange={(checked) => setPicked(checked ? refundable.map((line) => line.id) : [])} />
          )}
        </View>
        {order.lines.map((line) => {
          const canChoose = line.status === 'normal'
          return (
            <View key={line.id} className='refund__line'>
              <View className='refund__check'>
                {canChoose ? (
                  <TickBox checked={chosen.includes(line.id)} onChange={() => toggle(line.id)} />
                ) : (
                  <Text className={`line-status line-status--${line.status}`}>{LINE_STATUS_LABEL[line.status]}</Text>
                )}
              </View>
              <GoodsRow
                image={line.image}
                title={line.title}
                specs={line.specs}
                muted={!canChoose}
                onClick={() => canChoose && toggle(line.id)}
              >
                <View className='refund__line-footer'>
                  <Text className='refund__quantity'>×{line.quantity}</Text>
                  <Text className='refund__paid'>实付 {formatFen(line.paidAmount - line.refundedAmount)}</Text>
                </View>
              </GoodsRow>
            </View>
          )
        })}
      </View>

      {shipped && (
        <View className='refund__card'>
          <Text className='refund__card-title'>售后类型</Text>
          <View className='refund__reasons' role='radiogroup' aria-label='售后类型'>
            {REFUND_KINDS.map(([value, label, hint]) => (
              <View
                key={value}
                role='radio'
                aria-checked={kind === value}
                className={`refund__kind${kind === value ? ' refund__kind--chosen' : ''}`}
                onClick={() => setKind(value)}
              >
                <Text className='refund__kind-name'>{label}</Text>
                <Text className='refund__kind-hint'>{hint}</Text>
              </View>
            ))}
          </View>
        </View>
      )}

      <View className='refund__card'>
        <Text className='refund__card-title'>退款原因</Text>
        <View className='refund__reasons'>
          {PRESET_REASONS.map((reason) => (
            <Text
              key={reason}
              className={`refund__reason${preset === reason ? ' refund__reason--chosen' : ''}`}
              onClick={() => setPreset(reason)}
            >
              {reason}
            </Text>
          ))}
        </View>
        <TextArea
          className='refund__note'
          value={note}
          placeholder={preset === '其他' ? '请说明退款原因（必填）' : '补充说明（选填）'}
          maxLength={NOTE_MAX}
          showCount
          onChange={setNote}
        />
        <Text className='refund__card-title'>上传凭证（选填，最多 {PHOTOS_MAX} 张）</Text>
        <ImageUploader uploads={photos} max={PHOTOS_MAX} />
      </View>

      <View className='refund__card refund__summary'>
        <View className='refund__amount-row'>
          <Text>预计退款</Text>
          <Text className='refund__amount'>{formatFen(refund.total)}</Text>
        </View>
        {refund.shipping > 0 && (
          <Text className='refund__fine-print'>含运费 {formatFen(refund.shipping)}（商品尚未发出，全部退款时运费一并退回）</Text>
        )}
        {order.pointsUsed > 0 && <Text className='refund__fine-print'>本单抵扣使用的积分将随退款退回积分账户</Text>}
        <Text className='refund__fine-print'>按所选商品的实付金额计算，实际金额以退款结果为准，将原路退回</Text>
        {shipped && <Text className='refund__fine-print'>商品已发出，申请提交后由商家审核，48 小时内未处理将自动同意</Text>}
      </View>

      <View className='refund__bar'>
        <Button type='primary' block loading={submitting} disabled={chosen.length === 0} onClick={submit}>
          提交退款申请
        </Button>
      </View>
      <PrivacyNotice />
    </View>
  )
}
