import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TickBox } from '../../../components'
import Taro, { useRouter } from '@tarojs/taro'
import type { GroupBuyDetail } from '../../../../types/api'
import type { Fen } from '../../../../types/domain'
import { GoodsRow, StateView } from '../../../components'
import { AddressChooser } from '../../../components/AddressForm/AddressChooser'
import { useAddressDraft } from '../../../components/AddressForm/useAddressDraft'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { callError } from '../../../services/errors'
import { groupbuyApi } from '../../../services/groupbuy'
import { useSession } from '../../../stores/session'
import { formatFen } from '../../../utils/money'
import { PAGES, orderDetailPath, readParam, teamPath } from '../../../utils/routes'
import { shanghaiDateTime } from '../../../utils/time'
import { REFUND_RULE, teamSizeLabel, timeLimitLabel } from '../shared/labels'
import { type Refusal, goBack, isRefusal, refusalActions, refusalTitle } from './refusals'
import { askResultMessage, canAskResultMessage } from './resultMessage'
import { type TeamOrderTarget, type Unpaid, useTeamOrder } from './useTeamOrder'
import './index.scss'

export default function TeamCheckoutPage() {
  const { params } = useRouter()
  const campaignId = readParam(params.campaignId) ?? ''
  const teamId = readParam(params.teamId)
  const skuId = readParam(params.skuId) ?? ''
  const signedIn = useSignedIn()
  // Whether the member may open a team depends on who is asking.
  const token = useSession((session) => session.token)
  const campaign = useRemote(
    () => (campaignId ? groupbuyApi.detail({ id: campaignId }) : Promise.reject(callError('GROUPBUY_NOT_FOUND', '拼团活动不存在'))),
    [campaignId, token],
  )

  if (!campaignId || !skuId) {
    return (
      <StateView
        kind='empty'
        title='拼团信息不完整'
        description='请从商品页重新发起或参与拼团'
        action={{ text: '看看拼团', onClick: () => Taro.redirectTo({ url: PAGES.groupbuy }) }}
      />
    )
  }
  if (!signedIn) {
    return (
      <StateView
        kind='empty'
        title='登录后才能拼团'
        description='在“我的”页登录后开团或参团'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  if (campaign.status === 'loading') return <StateView kind='loading' />
  if (campaign.status === 'error') {
    return campaign.code !== null && isRefusal(campaign.code) ? (
      <RefusalView refusal={{ code: campaign.code, message: campaign.message }} target={{ campaignId, teamId, skuId }} detail={null} />
    ) : (
      <StateView kind='error' message={campaign.message} onRetry={campaign.reload} />
    )
  }
  return <CheckoutScreen detail={campaign.data} target={{ campaignId, teamId, skuId }} refresh={campaign.refresh} />
}

interface CheckoutScreenProps {
  detail: GroupBuyDetail
  target: TeamOrderTarget
  /** Loads the campaign again (after the price moved), keeping the screen meanwhile. */
  refresh: () => Promise<void>
}

function CheckoutScreen({ detail, target, refresh }: CheckoutScreenProps) {
  const sku = detail.skus.find((entry) => entry.skuId === target.skuId)
  const addressDraft = useAddressDraft()
  const [notify, setNotify] = useState(false)
  /** The team price the member last confirmed, when the server has since answered another one. */
  const [priceChangedFrom, setPriceChangedFrom] = useState<Fen | null>(null)
  const order = useTeamOrder(target, async () => {
    setPriceChangedFrom(sku?.teamPrice ?? null)
    await refresh()
  })

  if (order.refusal) return <RefusalView refusal={order.refusal} target={target} detail={detail} />
  if (!sku)
    return (
      <RefusalView refusal={{ code: 'SKU_NOT_FOUND', message: '这个规格不在本次拼团中，请重新选择' }} target={target} detail={detail} />
    )

  const joining = target.teamId !== undefined
  const payable = sku.teamPrice
  const soldOut = sku.stock <= 0
  // Opening is refused up front when the server already says so; joining is decided when the seat is taken.
  const blocked = soldOut ? '这个规格的拼团名额已抢光' : !joining && !detail.canOpen ? (detail.refusal ?? '暂时不能开团') : null

  const chooseNotify = async (checked: boolean) => {
    if (!checked) return setNotify(false)
    const accepted = await askResultMessage()
    setNotify(accepted)
    if (!accepted) void Taro.showToast({ title: '未开启通知，可在“我的拼团”查看结果', icon: 'none' })
  }

  const submit = () => {
    if (blocked) return
    const cleanAddress = addressDraft.take()
    if (!cleanAddress) return
    setPriceChangedFrom(null)
    void order.submit({ address: cleanAddress, expectedPayable: payable, subscribe: notify })
  }

  return (
    <View className='team-checkout'>
      <View className='gb-box team-checkout__mode'>
        <Text className='team-checkout__mode-title'>{joining ? '参与好友的拼团' : '发起拼团'}</Text>
        <Text className='gb-rule'>
          {detail.teamSize} 人成团 · 限时 {timeLimitLabel(detail.timeLimitMs)} · {REFUND_RULE}，款项原路退回
        </Text>
        {!joining && <Text className='gb-rule'>支付后开团，邀请好友在时限内参团</Text>}
      </View>

      <View className='gb-box'>
        <Text className='team-checkout__section-title'>收货地址</Text>
        <AddressChooser draft={addressDraft} />
      </View>

      <View className='gb-box'>
        <GoodsRow image={detail.cover} title={detail.productTitle} specs={sku.specs}>
          <View className='team-checkout__line'>
            <View className='team-checkout__prices'>
              <Text className='gb-size'>{teamSizeLabel(detail.teamSize)}</Text>
              <Text className='gb-price team-checkout__price'>{formatFen(sku.teamPrice)}</Text>
              <Text className='gb-list-price'>{formatFen(sku.price)}</Text>
            </View>
            <Text className='team-checkout__quantity'>×1</Text>
          </View>
        </GoodsRow>
        <View className='team-checkout__amounts'>
          <View className='team-checkout__row'>
            <Text>拼团价</Text>
            <Text>{formatFen(sku.teamPrice)}</Text>
          </View>
          <View className='team-checkout__row'>
            <Text>运费</Text>
            <Text className='team-checkout__free'>包邮</Text>
          </View>
          <View className='team-checkout__row'>
            <Text>优惠</Text>
            <Text className='team-checkout__muted'>拼团价不与优惠券、积分抵扣同享</Text>
          </View>
          <View className='team-checkout__row team-checkout__row--total'>
            <Text>应付</Text>
            <Text className='team-checkout__total'>{formatFen(payable)}</Text>
          </View>
        </View>
      </View>

      <View className='gb-box team-checkout__notify'>
        {canAskResultMessage() ? (
          <TickBox checked={notify} onChange={(checked) => void chooseNotify(checked)} label='拼团结果通过微信通知我（仅通知一次）' />
        ) : (
          <Text className='gb-rule'>拼团结果可在“我的拼团”中查看</Text>
        )}
      </View>

      <View className='team-checkout__footer'>
        {order.unpaid ? (
          <UnpaidNotice unpaid={order.unpaid} />
        ) : (
          <>
            {priceChangedFrom !== null && priceChangedFrom !== payable && (
              <View className='team-checkout__notice'>
                拼团价有变化：由 {formatFen(priceChangedFrom)} 变为 {formatFen(payable)}，请确认后再提交
              </View>
            )}
            {blocked && <View className='team-checkout__notice'>{blocked}</View>}
            <View className='team-checkout__bar'>
              <View className='team-checkout__bar-total'>
                <Text>应付 </Text>
                <Text className='team-checkout__payable'>{formatFen(payable)}</Text>
              </View>
              <Button
                className='team-checkout__submit'
                type='primary'
                loading={order.submitting}
                disabled={blocked !== null}
                onClick={submit}
              >
                {joining ? '参团并支付' : '开团并支付'}
              </Button>
            </View>
          </>
        )}
      </View>
    </View>
  )
}

/** Placed but not paid here: the seat waits for the order's payment until its deadline, and the order page can pay it. */
function UnpaidNotice({ unpaid }: { unpaid: Unpaid }) {
  const { order, team } = unpaid
  return (
    <View className='team-checkout__unpaid'>
      <Text className='team-checkout__unpaid-title'>{unpaid.failure ?? '订单还未支付'}</Text>
      <Text className='team-checkout__unpaid-text'>
        拼团名额为你保留至 {shanghaiDateTime(order.payDeadline)}，请在此之前在订单中完成支付，超时未付名额自动释放。
      </Text>
      <View className='team-checkout__unpaid-actions'>
        <Button fill='outline' type='primary' onClick={() => Taro.redirectTo({ url: teamPath(team.id, { campaignId: team.campaignId }) })}>
          查看拼团
        </Button>
        <Button type='primary' onClick={() => Taro.redirectTo({ url: orderDetailPath(order.id) })}>
          去支付
        </Button>
      </View>
    </View>
  )
}

interface RefusalViewProps {
  refusal: Refusal
  target: TeamOrderTarget
  /** The campaign, when it loaded: whether one may open a team of it instead. */
  detail: GroupBuyDetail | null
}

/** Why the seat cannot be had, in the server's words, and where to go instead; always with a way back. */
function RefusalView({ refusal, target, detail }: RefusalViewProps) {
  const actions = refusalActions(refusal.code, {
    ...target,
    productId: detail?.productId ?? null,
    canOpen: detail?.canOpen ?? false,
  })
  return (
    <View className='team-refusal'>
      <View className='team-refusal__glyph'>!</View>
      <Text className='team-refusal__title'>{refusalTitle(refusal.code)}</Text>
      <Text className='team-refusal__message'>{refusal.message}</Text>
      <View className='team-refusal__actions'>
        {actions.map((action, index) => (
          <Button
            key={action.text}
            className='team-refusal__action'
            type='primary'
            fill={index === 0 ? 'solid' : 'outline'}
            onClick={() => void action.go()}
          >
            {action.text}
          </Button>
        ))}
        <Text className='team-refusal__back' onClick={goBack}>
          返回上一页
        </Text>
      </View>
    </View>
  )
}
