// The browser build's Swiper and SwiperItem for NutUI's carousel (config/index.ts hands this module
// to NutUI's swiper in place of @tarojs/components). Taro's component index defines all its
// components in one module, so a Swiper taken from there puts the swiper library (~45 KB gzip) in
// the chunk every page loads; defined here, it travels only with the pages that draw a carousel.
import { defineCustomElement as defineSwiper } from '@tarojs/components/dist/components/taro-swiper-core.js'
import { defineCustomElement as defineSwiperItem } from '@tarojs/components/dist/components/taro-swiper-item-core.js'
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js'
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js'

export { View } from '@tarojs/components'

export const Swiper = createReactComponent('taro-swiper-core', undefined, manipulatePropsFunction, defineSwiper)
export const SwiperItem = createReactComponent('taro-swiper-item-core', undefined, manipulatePropsFunction, defineSwiperItem)
