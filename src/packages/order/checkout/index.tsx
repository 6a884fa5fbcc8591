import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TextField } from '../../../components'
import Taro, { useRouter } from '@tarojs/taro'
import type { QuoteView } from '../../../../types/api'
import type { Fen } from '../../../../types/domain'
import { StateView } from '../../../components'
import { AddressChooser } from '../../../components/AddressForm/AddressChooser'
import { useAddressDraft } from '../../../components/AddressForm/useAddressDraft'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { api } from '../../../services/api'
import { removeFromCart } from '../../../services/cart'
import { callError, describeError, isCallError } from '../../../services/errors'
import { payOrder } from '../../../services/payment'
import { useOrderRevision } from '../../../stores/orders'
import { useSession } from '../../../stores/session'
import { showFailure } from '../../../utils/feedback'
import { newRequestId } from '../../../utils/id'
import { formatFen } from '../../../utils/money'
import { PAGES, orderDetailPath, parseCheckoutItems, readParam } from '../../../utils/routes'
import { askToSignIn } from '../../../utils/signIn'
import { announcePayment } from '../shared/useOrderActions'
import { CouponSheet, bestUsableCoupon } from './CouponSheet'
import { QuoteDetails } from './QuoteDetails'
import './index.scss'

/** Answers that mean the goods themselves changed: checking out again starts where they were chosen. */
const GOODS_CHANGED = ['OUT_OF_STOCK', 'SKU_NOT_FOUND', 'EMPTY_ORDER']

export default function CheckoutPage() {
  const { params } = useRouter()
  const itemsParam = readParam(params.items)
  const [items] = useState(() => parseCheckoutItems(itemsParam))
  const fromCart = params.from !== 'product'
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  /** Points the member asked to use; the server caps them by its rules and the balance. Read by the quote load. */
  const pointsWanted = useRef(0)
  const [usingPoints, setUsingPoints] = useState(false)
  /** The coupon to apply (its redemption id), read by the quote load; shown from `couponId`. */
  const couponWanted = useRef<string | null>(null)
  const [couponId, setCouponId] = useState<string | null>(null)
  /** Whose quote the best coupon was picked for: it is picked once, after that only the member changes it. */
  const couponPickedFor = useRef<string | null | undefined>(undefined)
  const [couponSheetOpen, setCouponSheetOpen] = useState(false)
  /** Why the coupon was dropped (the server's words), until the member chooses again. */
  const [couponNotice, setCouponNotice] = useState<string | null>(null)

  const applyCoupon = (id: string | null) => {
    couponWanted.current = id
    setCouponId(id)
  }

  const askQuote = () =>
    api.order.quote({
      items,
      ...(pointsWanted.current > 0 ? { usePoints: pointsWanted.current } : {}),
      ...(couponWanted.current !== null ? { couponId: couponWanted.current } : {}),
    })

  const loadQuote = async (): Promise<QuoteView> => {
    if (items.length === 0) throw callError('EMPTY_ORDER', '没有要结算的商品')
    const firstForMember = couponPickedFor.current !== token
    if (firstForMember) applyCoupon(null)
    let answer: QuoteView
    try {
      answer = await askQuote()
    } catch (error) {
      if (couponWanted.current === null || !isCouponInvalid(error)) throw error
      // The coupon went meanwhile (used on another order, expired): price without it and say why.
      applyCoupon(null)
      setCouponNotice(describeError(error))
      answer = await askQuote()
    }
    if (firstForMember) {
      couponPickedFor.current = token
      const best = bestUsableCoupon(answer.coupons)
      if (best) {
        applyCoupon(best.id)
        try {
          answer = await askQuote()
        } catch (error) {
          // Gone between the two quotes: the member simply starts without it.
          if (!isCouponInvalid(error)) throw error
          applyCoupon(null)
        }
      }
    }
    return answer
  }
  const quote = useRemote(loadQuote, [itemsParam, token])
  /** A new quote is on its way (points switched, or the price changed): submitting waits for it. */
  const [requoting, setRequoting] = useState(false)
  const addressDraft = useAddressDraft()
  const [remark, setRemark] = useState('')
  const [submitting, setSubmitting] = useState(false)
  /** The payable the member last confirmed, when the server has since quoted another one. */
  const [priceChangedFrom, setPriceChangedFrom] = useState<Fen | null>(null)
  const [pointsChanged, setPointsChanged] = useState(false)
  const noticeShown = priceChangedFrom !== null || pointsChanged || couponNotice !== null
  // One checkout attempt, one idempotency key: a double tap or a retry answers the same order.
  const requestId = useRef(newRequestId())
  const submittingNow = useRef(false)
  const orderChanged = useOrderRevision((state) => state.changed)

  const backToGoods = () => (fromCart ? Taro.switchTab({ url: PAGES.cart }) : Taro.navigateBack())

  if (!signedIn) {
    return (
      <StateView
        kind='empty'
        title='登录后才能下单'
        description='登录后按会员价结算'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  if (quote.status === 'loading') return <StateView kind='loading' text='正在计算价格…' />
  if (quote.status === 'error') {
    return quote.code && GOODS_CHANGED.includes(quote.code) ? (
      <StateView
        kind='empty'
        title='商品有变化，暂时不能结算'
        description={quote.message}
        action={{ text: fromCart ? '返回购物车' : '返回商品', onClick: backToGoods }}
      />
    ) : (
      <StateView kind='error' message={quote.message} onRetry={quote.reload} />
    )
  }

  const payable = quote.data.payable
  const pointsUsed = quote.data.pointsUsed

  const requote = async () => {
    setRequoting(true)
    await quote.refresh()
    setRequoting(false)
  }

  const choosePoints = (use: boolean) => {
    setUsingPoints(use)
    pointsWanted.current = use ? quote.data.points.maxUsable : 0
    void requote()
  }

  /** Asks for the most points the rules allow once the coupon changes what they may cover. */
  const pointsForNewCoupon = () => {
    if (usingPoints) pointsWanted.current = quote.data.points.balance
  }

  const chooseCoupon = (id: string | null) => {
    setCouponSheetOpen(false)
    if (id === couponWanted.current) return
    applyCoupon(id)
    setCouponNotice(null)
    pointsForNewCoupon()
    void requote()
  }

  const explain = async (error: unknown) => {
    const code = isCallError(error) ? error.code : null
    if (code === 'COUPON_INVALID' || code === 'POINTS_CHANGED') {
      // The server cancelled whatever this attempt placed, so the next submit is a new attempt with a
      // key of its own (the old key would only answer the cancelled order).
      requestId.current = newRequestId()
    }
    if (code === 'COUPON_INVALID') {
      // The coupon was used on another order (or expired) meanwhile: price without it and ask again.
      applyCoupon(null)
      setCouponNotice(describeError(error))
      pointsForNewCoupon()
      await requote()
      return
    }
    if (code === 'PRICE_CHANGED' || code === 'POINTS_CHANGED') {
      // No order stands. Show the server's new figures and let the member decide again.
      if (code === 'PRICE_CHANGED') setPriceChangedFrom(payable)
      else setPointsChanged(true)
      await requote()
      return
    }
    if (code && GOODS_CHANGED.includes(code)) {
      await Taro.showModal({
        title: '商品有变化',
        content: describeError(error),
        showCancel: false,
        confirmText: fromCart ? '返回购物车' : '返回商品',
      })
      await backToGoods()
      return
    }
    if (code === 'UNAUTHENTICATED') return askToSignIn('登录已失效，请重新登录后再提交订单')
    if (code === 'BUSY' || code === 'NETWORK') {
      const { confirm } = await Taro.showModal({ title: '订单没有提交成功', content: describeError(error), confirmText: '重试' })
      if (confirm) await submit()
      return
    }
    showFailure(error)
  }

  async function submit() {
    if (submittingNow.current || requoting) return
    const cleanAddress = addressDraft.take()
    if (!cleanAddress) return
    submittingNow.current = true
    setSubmitting(true)
    try {
      const note = remark.trim()
      const { order, payment } = await api.order.create({
        requestId: requestId.current,
        items,
        address: cleanAddress,
        ...(note ? { remark: note } : {}),
        ...(pointsUsed > 0 ? { usePoints: pointsUsed } : {}),
        ...(couponWanted.current !== null ? { couponId: couponWanted.current } : {}),
        expectedPayable: payable,
      })
      orderChanged()
      if (fromCart) {
        removeFromCart(items.map((item) => item.skuId)).catch(() => {
          // The order is placed; goods left in the cart are only a leftover the member can remove.
        })
      }
      const outcome = payment ? await payOrder(payment) : null
      if (outcome) announcePayment(outcome)
      await Taro.redirectTo({ url: orderDetailPath(order.id, { paid: outcome?.kind === 'paid' }) })
    } catch (error) {
      submittingNow.current = false
      setSubmitting(false)
      await explain(error)
    }
  }

  return (
    <View className={`checkout${noticeShown ? ' checkout--notice' : ''}`}>
      <View className='order-card-box'>
        <Text className='order-card-title'>收货地址</Text>
        <AddressChooser draft={addressDraft} />
      </View>

      <QuoteDetails
        quote={quote.data}
        usingPoints={usingPoints}
        onUsePoints={choosePoints}
        couponId={couponId}
        onOpenCoupons={() => setCouponSheetOpen(true)}
      />
      <CouponSheet
        coupons={quote.data.coupons}
        visible={couponSheetOpen}
        chosenId={couponId}
        onChoose={chooseCoupon}
        onClose={() => setCouponSheetOpen(false)}
      />

      <View className='order-card-box checkout__remark'>
        <Text className='checkout__remark-label'>订单备注</Text>
        <TextField className='checkout__remark-input' value={remark} placeholder='选填，给商家留言' maxLength={100} onChange={setRemark} />
      </View>

      <View className='checkout__footer'>
        {/* On the fixed footer, so the member sees it next to the button they are about to press again. */}
        {priceChangedFrom !== null && (
          <View className='checkout__notice'>
            价格有变化：应付金额由 {formatFen(priceChangedFrom)} 变为 {formatFen(payable)}，请确认后再提交
          </View>
        )}
        {couponNotice !== null && (
          <View className='checkout__notice'>
            {couponNotice}。已按不使用优惠券重新计算，应付 {formatFen(payable)}，请确认后再提交
          </View>
        )}
        {pointsChanged && (
          <View className='checkout__notice'>积分余额有变化，已按现在可用的积分重新计算，应付 {formatFen(payable)}，请确认后再提交</View>
        )}
        <View className='checkout__bar'>
          <View className='checkout__bar-total'>
            <Text>应付 </Text>
            <Text className='checkout__payable'>{formatFen(payable)}</Text>
          </View>
          <Button className='checkout__submit' type='primary' loading={submitting} disabled={requoting} onClick={submit}>
            {noticeShown ? '确认新价格并支付' : '提交订单并支付'}
          </Button>
        </View>
      </View>
    </View>
  )
}

const isCouponInvalid = (error: unknown) => isCallError(error) && error.code === 'COUPON_INVALID'
