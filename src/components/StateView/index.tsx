import { Text, View } from '@tarojs/components'
import { Button, Empty } from '@nutui/nutui-react-taro'
import './index.scss'

type StateViewProps =
  | { kind: 'loading'; text?: string }
  | { kind: 'empty'; title: string; description?: string; action?: { text: string; onClick: () => void } }
  | { kind: 'error'; message: string; onRetry: () => void }

const GLYPH_SIZE = 72

/** The loading, empty and error states every screen shows instead of its content. */
export function StateView(props: StateViewProps) {
  if (props.kind === 'loading') {
    return (
      <View className='state-view state-view--loading'>
        <View className='state-view__spinner' />
        <Text className='state-view__text'>{props.text ?? '加载中…'}</Text>
      </View>
    )
  }
  if (props.kind === 'empty') {
    return (
      <Empty
        className='state-view'
        image={
          // An empty tray drawn in CSS: a picture, not a character a screen reader would read out.
          <View className='state-view__glyph' aria-hidden>
            <View className='state-view__tray' />
          </View>
        }
        imageSize={GLYPH_SIZE}
        title={props.title}
        description={props.description ?? ''}
      >
        {props.action && (
          <Button className='state-view__action' type='primary' fill='outline' size='small' onClick={props.action.onClick}>
            {props.action.text}
          </Button>
        )}
      </Empty>
    )
  }
  return (
    <Empty
      className='state-view'
      image={<View className='state-view__glyph state-view__glyph--error'>!</View>}
      imageSize={GLYPH_SIZE}
      title='加载失败'
      description={props.message}
    >
      <Button className='state-view__action' type='primary' size='small' onClick={props.onRetry}>
        重试
      </Button>
    </Empty>
  )
}
