import { Text } from '@tarojs/components'
import { Input, type InputProps } from '@nutui/nutui-react-taro'
import './index.scss'

/** Drawn with Taro's own Text, so it shows in the mini program too (NutUI's icon is an HTML element it cannot draw). */
const CLEAR = (
  <Text className='text-field__clear' aria-label='清空'>
    ×
  </Text>
)

/** NutUI's Input with a clear button every build can draw; everything else as NutUI's. */
export function TextField(props: Partial<InputProps>) {
  return <Input clearIcon={CLEAR} {...props} />
}
