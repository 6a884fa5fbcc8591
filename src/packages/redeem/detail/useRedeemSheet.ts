import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { AddressInput, RedeemItemView } from '../../../../types/api'
import { redeemApi } from '../../../services/redeem'
import { useAddressDraft } from '../../../components/AddressForm/useAddressDraft'
import { newRequestId } from '../../../utils/id'
import { explainFailure, failureCode, isTransient } from '../shared/failure'
import { useRedeemRevision } from '../shared/revision'
import { REDEEM_PAGES } from '../shared/routes'

/**
 * The confirm sheet of one item and the redemption it sends. Each opening of the sheet is one
 * redemption attempt with its own idempotency key, so a double tap or a retry redeems once.
 * `onRefused` runs when the server said no, so the page can show the item as it is now.
 */
export function useRedeemSheet(item: RedeemItemView, onRefused: () => void) {
  const [visible, setVisible] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const addressDraft = useAddressDraft()
  const idempotencyKey = useRef('')
  // Taps arrive faster than re-renders that show the button loading; one redemption at a time.
  const inFlight = useRef(false)
  const changed = useRedeemRevision((state) => state.changed)

  const open = () => {
    if (inFlight.current) return
    idempotencyKey.current = newRequestId()
    setVisible(true)
  }

  const close = () => {
    if (!inFlight.current) setVisible(false)
  }

  async function confirm() {
    if (inFlight.current) return
    let shipTo: AddressInput | undefined
    if (item.kind === 'goods') {
      shipTo = addressDraft.take() ?? undefined
      if (!shipTo) return
    }
    inFlight.current = true
    setSubmitting(true)
    try {
      await redeemApi.redeem({ itemId: item.id, idempotencyKey: idempotencyKey.current, ...(shipTo ? { address: shipTo } : {}) })
      changed()
      void Taro.showToast({ title: '兑换成功', icon: 'success' })
      // The redemption is done: this sheet's key is spent and the button stays off until the page is left.
      await Taro.redirectTo({ url: REDEEM_PAGES.mine })
    } catch (error) {
      inFlight.current = false
      setSubmitting(false)
      // A busy server, a lost connection or an address the server did not take: the sheet stays for another try.
      if (!isTransient(error) && failureCode(error) !== 'INVALID_PAYLOAD') {
        setVisible(false)
        changed()
        onRefused()
      }
      await explainFailure(error, '兑换', confirm)
    }
  }

  return { visible, submitting, addressDraft, open, close, confirm }
}
