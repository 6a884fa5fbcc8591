import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AGREE_BUTTON_ID } from '../../services/privacy.gate'
import { usePrivacyNotice } from '../../stores/privacyNotice'
import { PAGES } from '../../utils/routes'
import './index.scss'

/**
 * The privacy guide notice, drawn by a page whose actions touch the member's data. Declining closes it
 * and leaves the page usable; agreeing in the mini program is WeChat's own agree button.
 */
export function PrivacyNotice() {
  const open = usePrivacyNotice((state) => state.open)
  const answer = usePrivacyNotice((state) => state.answer)
  if (!open) return null
  const readGuide = () => {
    if (process.env.TARO_ENV === 'weapp') void Taro.openPrivacyContract({})
    else void Taro.navigateTo({ url: PAGES.privacy })
  }
  return (
    <View className='privacy-notice' role='dialog' aria-label='隐私保护指引'>
      <View className='privacy-notice__panel'>
        <Text className='privacy-notice__title'>隐私保护指引</Text>
        <Text className='privacy-notice__text'>
          使用相册、剪切板或文件前，请阅读并同意
          <Text className='privacy-notice__link' onClick={readGuide}>
            《私域好物隐私保护指引》
          </Text>
          。不同意也可以继续浏览和购物。
        </Text>
        <View className='privacy-notice__actions'>
          <Button className='privacy-notice__decline' onClick={() => answer(false)}>
            不同意
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='privacy-notice__agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answer(true)}
            onClick={() => {
              // The browser has no WeChat agree event: the tap is the agreement.
              if (process.env.TARO_ENV !== 'weapp') answer(true)
            }}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}
