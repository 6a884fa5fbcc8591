import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { RuleSections } from '../../../components'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { DeleteAccount } from './DeleteAccount'
import { PRIVACY_NOTICE } from './notice'
import { Personalisation } from './Personalisation'
import './index.scss'

/** 隐私与账号: the privacy notice for everyone; the personalisation choice and account deletion for the signed-in member. */
export default function PrivacyPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)

  return (
    <View className='privacy'>
      <View className='section-title'>隐私说明</View>
      <View className='privacy-box'>
        <RuleSections sections={PRIVACY_NOTICE} />
      </View>

      {signedIn ? (
        <>
          <View className='section-title'>个性化设置</View>
          <Personalisation token={token} />
          <View className='section-title'>账号</View>
          <DeleteAccount />
        </>
      ) : (
        <View className='privacy-box privacy__sign-in'>
          <Text className='privacy-note'>登录后可以管理个性化推荐设置或注销账号。</Text>
          <Text className='privacy__link' onClick={() => Taro.switchTab({ url: PAGES.me })}>
            去登录 ›
          </Text>
        </View>
      )}
    </View>
  )
}
