import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { GroupBuyDetail, TeamView } from '../../../../types/api'
import { groupbuyApi } from '../../../services/groupbuy'
import { showFailure } from '../../../utils/feedback'
import { teamCheckoutPath } from '../../../utils/routes'

/**
 * 参与拼团: joining buys one unit of a SKU of the campaign. The campaign is asked for its SKUs once;
 * with a single SKU the member goes straight to checkout, with several they pick one first.
 */
export function useJoin(team: TeamView) {
  const [skus, setSkus] = useState<GroupBuyDetail['skus'] | null>(null)
  const [loading, setLoading] = useState(false)
  const [choosing, setChoosing] = useState(false)
  // Taps arrive faster than re-renders that show the button loading.
  const asking = useRef(false)

  const checkout = (skuId: string) => {
    setChoosing(false)
    void Taro.navigateTo({ url: teamCheckoutPath({ campaignId: team.campaignId, teamId: team.id, skuId }) })
  }

  async function join() {
    if (asking.current) return
    let known = skus
    if (known === null) {
      asking.current = true
      setLoading(true)
      try {
        known = (await groupbuyApi.detail({ id: team.campaignId })).skus
        setSkus(known)
      } catch (error) {
        showFailure(error)
        return
      } finally {
        asking.current = false
        setLoading(false)
      }
    }
    if (known.length === 1 && known[0].stock > 0) checkout(known[0].skuId)
    else if (known.some((sku) => sku.stock > 0)) setChoosing(true)
    else void Taro.showToast({ title: '拼团名额已抢光', icon: 'none' })
  }

  return { join, loading, skus, choosing, checkout, closeSheet: () => setChoosing(false) }
}
