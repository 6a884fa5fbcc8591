import { View } from '@tarojs/components'
import { PrivacyNotice } from '../../../components/PrivacyNotice'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { distributionApi } from '../../../services/distribution'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { shanghaiDateTime } from '../../../utils/time'
import { useDistributionRevision } from '../shared/revision'
import { Dashboard } from './Dashboard'
import { Introduction } from './Introduction'
import './index.scss'

export default function DistributorCenterPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  // An application or a withdrawal made on the next pages shows here on the way back.
  const revision = useDistributionRevision((state) => state.revision)
  const changed = useDistributionRevision((state) => state.changed)
  const status = useRemote(() => (signedIn ? distributionApi.status() : Promise.resolve(null)), [signedIn, token, revision])

  usePullDownRefresh(() => {
    changed()
    Taro.stopPullDownRefresh()
  })

  if (!signedIn || (status.status === 'error' && status.code === 'UNAUTHENTICATED')) {
    return (
      <StateView
        kind='empty'
        title='登录后进入分销中心'
        description='在“我的”页登录后，可以申请成为分销员、查看推广订单与佣金'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  if (status.status === 'error') return <StateView kind='error' message={status.message} onRetry={status.reload} />
  if (status.status === 'loading' || status.data === null) return <StateView kind='loading' />

  const view = status.data
  const apply = () => Taro.navigateTo({ url: PAGES.distributorApply })

  if (view.status === 'approved' || view.status === 'frozen') {
    return (
      <View className='dist-center'>
        {view.status === 'frozen' && (
          <View className='dist-notice dist-center__frozen'>
            分销账户已冻结{view.note ? `：${view.note}` : ''}
            。冻结期间不产生新的推广佣金，也不能提现；已有的佣金会保留。如有疑问请联系客服。
          </View>
        )}
        <Dashboard frozen={view.status === 'frozen'} revision={revision} />
      </View>
    )
  }

  if (view.status === 'pending') {
    return (
      <View className='dist-center'>
        <View className='dist-box dist-center__review'>
          <View className='dist-center__review-badge'>审核中</View>
          <View className='dist-center__review-title'>分销员申请审核中</View>
          <View className='dist-note'>
            {view.appliedAt !== null ? `你于 ${shanghaiDateTime(view.appliedAt)} 提交了申请，` : ''}审核结果会显示在这里，请耐心等待。
          </View>
        </View>
        <Introduction />
      </View>
    )
  }

  // Never applied, or the application was rejected: what distribution is, and the way to apply.
  return (
    <View className='dist-center'>
      {view.status === 'rejected' && (
        <View className='dist-notice dist-center__rejected'>
          上次申请未通过{view.note ? `：${view.note}` : ''}。你可以确认条件后重新申请。
        </View>
      )}
      <Introduction />
      <View className='dist-center__apply'>
        <Button type='primary' block onClick={apply}>
          {view.status === 'rejected' ? '重新申请' : '免费申请成为分销员'}
        </Button>
      </View>
      <PrivacyNotice />
    </View>
  )
}
