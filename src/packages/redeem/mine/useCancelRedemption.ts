import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Redemption } from '../../../../types/domain'
import { redeemApi } from '../../../services/redeem'
import { confirmAction } from '../../../utils/feedback'
import { explainFailure } from '../shared/failure'
import { useRedeemRevision } from '../shared/revision'

/**
 * 取消兑换 for a redemption not yet fulfilled. It ends with the mall pages reloading what the server
 * now says, also after a refusal (the goods shipped meanwhile).
 */
export function useCancelRedemption() {
  const changed = useRedeemRevision((state) => state.changed)
  const [busy, setBusy] = useState(false)
  // Taps arrive faster than re-renders that disable the buttons; one cancellation at a time.
  const running = useRef(false)

  async function send(redemption: Redemption): Promise<void> {
    running.current = true
    setBusy(true)
    let failure: { error: unknown } | null = null
    try {
      await redeemApi.cancel({ redemptionId: redemption.id })
      void Taro.showToast({ title: '积分已退回', icon: 'success' })
    } catch (error) {
      failure = { error }
    } finally {
      running.current = false
      setBusy(false)
      changed()
    }
    if (failure) await explainFailure(failure.error, '取消兑换', () => send(redemption))
  }

  const cancel = async (redemption: Redemption) => {
    if (running.current) return
    const goods = redemption.kind === 'goods' ? '，商品将不再发货' : ''
    if (
      !(await confirmAction('取消兑换', `取消后 ${redemption.pointsPrice} 积分将退回你的账户${goods}。确定取消吗？`, '取消兑换', {
        destructive: true,
      }))
    )
      return
    await send(redemption)
  }

  return { busy, cancel }
}
