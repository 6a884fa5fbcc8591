import { Text, View } from '@tarojs/components'
import { Checkbox, type CheckboxProps } from '@nutui/nutui-react-taro'
import './index.scss'

// Drawn with Taro's own View and Text, so every build shows them (NutUI's icons are HTML elements the mini program cannot draw).
const UNTICKED = <View className='tick-box tick-box--off' aria-hidden />
const TICKED = (
  <View className='tick-box tick-box--on' aria-hidden>
    <Text className='tick-box__mark'>✓</Text>
  </View>
)

/** NutUI's Checkbox with a box every build can draw; everything else as NutUI's. */
export function TickBox(props: Partial<CheckboxProps>) {
  return <Checkbox icon={UNTICKED} activeIcon={TICKED} {...props} />
}
