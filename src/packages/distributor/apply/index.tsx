import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TickBox } from '../../../components'
import Taro from '@tarojs/taro'
import type { DistributorStatusView } from '../../../../types/api'
import { RuleSections, StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { distributionApi } from '../../../services/distribution'
import { isCallError } from '../../../services/errors'
import { useSession } from '../../../stores/session'
import { showFailure } from '../../../utils/feedback'
import { PAGES } from '../../../utils/routes'
import { useDistributionRevision } from '../shared/revision'
import { replaceWith } from '../shared/routes'
import './index.scss'

export default function DistributorApplyPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const status = useRemote(() => (signedIn ? distributionApi.status() : Promise.resolve(null)), [signedIn, token])

  if (!signedIn || (status.status === 'error' && status.code === 'UNAUTHENTICATED')) {
    return (
      <StateView
        kind='empty'
        title='登录后申请'
        description='在“我的”页登录后，可以免费申请成为分销员'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  if (status.status === 'error') return <StateView kind='error' message={status.message} onRetry={status.reload} />
  if (status.status === 'loading' || status.data === null) return <StateView kind='loading' />
  return <ApplyScreen view={status.data} onRefused={() => void status.refresh()} />
}

function ApplyScreen({ view, onRefused }: { view: DistributorStatusView; onRefused: () => void }) {
  const changed = useDistributionRevision((state) => state.changed)
  const [adult, setAdult] = useState(false)
  const [agreed, setAgreed] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<DistributorStatusView | null>(null)
  // Taps arrive faster than re-renders that disable the button; one application at a time.
  const inFlight = useRef(false)

  // What the member already is, or what the application just made of them.
  const standing = result ?? view
  if (standing.status === 'pending') {
    return (
      <View className='dist-apply'>
        <View className='dist-box dist-apply__outcome'>
          <Text className='dist-apply__badge'>审核中</Text>
          <Text className='dist-apply__outcome-title'>申请已提交，正在审核</Text>
          <Text className='dist-note'>审核通过后即可在分销中心查看推广码、推广订单与佣金；结果会显示在分销中心。</Text>
          <Button type='primary' fill='outline' block onClick={() => replaceWith(PAGES.distributor)}>
            返回分销中心
          </Button>
        </View>
      </View>
    )
  }
  if (standing.status === 'approved' || standing.status === 'frozen') {
    return (
      <View className='dist-apply'>
        <View className='dist-box dist-apply__outcome'>
          <Text className='dist-apply__outcome-title'>你已是分销员</Text>
          <Button type='primary' block onClick={() => replaceWith(PAGES.distributor)}>
            进入分销中心
          </Button>
        </View>
      </View>
    )
  }

  const ready = adult && agreed && !submitting

  async function submit() {
    if (!adult || !agreed || inFlight.current) return
    inFlight.current = true
    setSubmitting(true)
    try {
      const answer = await distributionApi.apply({ attestAdult: true, rulesVersion: view.rules.version })
      changed()
      if (answer.status === 'approved') {
        void Taro.showToast({ title: '已成为分销员', icon: 'success' })
        await replaceWith(PAGES.distributor)
        return
      }
      setResult(answer)
    } catch (error) {
      showFailure(error)
      // A refusal (the rules changed meanwhile, say) shows the page as the server now sees it; a lost connection keeps it for another try.
      if (isCallError(error) && error.code !== 'NETWORK' && error.code !== 'BUSY' && error.code !== 'UNAUTHENTICATED') {
        setAgreed(false)
        onRefused()
      }
    } finally {
      inFlight.current = false
      setSubmitting(false)
    }
  }

  return (
    <View className='dist-apply'>
      <View className='dist-apply__free'>申请免费，无需购买任何商品或缴纳任何费用。</View>
      {view.status === 'rejected' && <View className='dist-notice'>上次申请未通过{view.note ? `：${view.note}` : ''}。</View>}

      <View className='dist-box'>
        <Text className='dist-box-title'>分销规则</Text>
        <RuleSections sections={view.rules.sections} />
        <Text className='dist-note dist-apply__version'>规则版本 {view.rules.version}</Text>
      </View>

      <View className='dist-box dist-apply__checks'>
        <TickBox className='dist-apply__adult' checked={adult} onChange={setAdult} label='我已年满 18 周岁' />
        <TickBox className='dist-apply__agree' checked={agreed} onChange={setAgreed} label='我已阅读并同意《分销规则》' />
      </View>

      <View className='dist-apply__submit'>
        <Button type='primary' block disabled={!ready} loading={submitting} onClick={submit}>
          提交申请
        </Button>
        {!(adult && agreed) && <Text className='dist-note dist-apply__hint'>请先确认年满 18 周岁并同意分销规则</Text>}
      </View>
    </View>
  )
}
