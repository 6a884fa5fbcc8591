/**
 * `@tarojs/taro` as pages see it in the H5 build: the H5 APIs plus the React lifecycle hooks that
 * Taro's api-loader injects at build time. Pages rendered in a test run outside a Taro page shell,
 * so their lifecycle hooks (useReachBottom, useShareAppMessage …) register but are never fired.
 */
import React from 'react'
import ReactDOM from 'react-dom'
import * as h5 from '@tarojs/taro-h5'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'

export * from '@tarojs/taro-h5'
export {
  useDidHide,
  useDidShow,
  useLaunch,
  useLoad,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useShareAppMessage,
  useShareTimeline,
  useUnload,
} from '@tarojs/plugin-framework-react/dist/runtime'

// The build hands React to Taro's hook runtime when it registers a page; a test renders pages itself.
createH5NativeComponentConfig(null, React, ReactDOM)

// The H5 build puts every API on the default export (Taro.showToast, Taro.setStorageSync …); so does this.
const { default: Taro, ...apis } = h5
Object.assign(Taro, apis)

export default Taro
