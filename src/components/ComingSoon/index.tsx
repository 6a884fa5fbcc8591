import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { PAGES } from '../../utils/routes'
import './index.scss'

interface ComingSoonProps {
  title: string
  /** What will be here and when, in plain words; never a fake version of the feature. */
  description: string
}

/** An honest placeholder for a feature that ships in a later version. */
export function ComingSoon({ title, description }: ComingSoonProps) {
  return (
    <View className='coming-soon'>
      <View className='coming-soon__badge'>即将上线</View>
      <Text className='coming-soon__title'>{title}</Text>
      <Text className='coming-soon__description'>{description}</Text>
      <Button type='primary' fill='outline' onClick={() => Taro.switchTab({ url: PAGES.home })}>
        先去逛逛
      </Button>
    </View>
  )
}
