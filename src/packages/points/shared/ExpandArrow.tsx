import { Text } from '@tarojs/components'

/**
 * The arrow that says a points box opens, turned down when it is open (the collapse's `rotate`).
 * Drawn with Taro's Text, as the text field's clear button is: NutUI's ArrowDown drew an empty,
 * zero-sized element on the browser build.
 */
export const EXPAND_ARROW = (
  <Text className='points-collapse__arrow' aria-hidden>
    ›
  </Text>
)
