/**
 * TEST DOUBLE of Taro's web component layer for jsdom: `@tarojs/components-react` draws Taro's
 * components as plain elements, but passes the mini program's own props (ariaRole, ariaLabel,
 * catchMove, placeholderClass …) straight to the DOM, where they mean nothing. The H5 build's web
 * components read those props; this does the same for the elements the tests render, so roles and
 * labels are real ARIA and nothing else reaches the DOM.
 */
import { type ComponentType, createElement, forwardRef } from 'react'
import * as Components from '@tarojs/components-react'

export * from '@tarojs/components-react'

type Props = Record<string, unknown>

/** Mini program props to their DOM meaning; props with no DOM meaning are dropped. */
function domProps({
  ariaRole,
  ariaLabel,
  ariaChecked,
  ariaDisabled,
  ariaHidden,
  ariaSelected,
  catchMove,
  placeholderClass,
  hoverStyle,
  ...rest
}: Props): Props {
  const aria: Props = {
    role: ariaRole,
    'aria-label': ariaLabel,
    'aria-checked': ariaChecked,
    'aria-disabled': ariaDisabled,
    'aria-hidden': ariaHidden,
    'aria-selected': ariaSelected,
  }
  for (const [key, value] of Object.entries(aria)) if (value !== undefined && rest[key] === undefined) rest[key] = value
  return rest
}

function speaking<P extends Props>(Component: ComponentType<P>, name: string) {
  const Wrapped = forwardRef<unknown, P>((props, ref) => createElement(Component, { ...domProps(props), ref } as unknown as P))
  Wrapped.displayName = name
  return Wrapped
}

export const View = speaking(Components.View as unknown as ComponentType<Props>, 'View')
export const Text = speaking(Components.Text as unknown as ComponentType<Props>, 'Text')
export const Input = speaking(Components.Input as unknown as ComponentType<Props>, 'Input')
export const Image = speaking(Components.Image as unknown as ComponentType<Props>, 'Image')
export const Button = speaking(Components.Button as unknown as ComponentType<Props>, 'Button')
