/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const url: string
  export default url
}
declare module '*.scss'
declare module '*.css'
/** One of NutUI's icons by its own module (src/components/Icons); each is drawn like the library's Loading. */
declare module '@nutui/icons-react-taro/dist/es/icons/*.js' {
  const icon: typeof import('@nutui/icons-react-taro').Loading
  export default icon
}

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform being built, set by the Taro CLI. */
    TARO_ENV: 'weapp' | 'h5'
    /** Origin that serves /media/... paths to the mini program (see config/index.ts). */
    MEDIA_BASE?: string
    /** WeChat Pay merchant id of 商家转账 payouts (the payee confirms with it). */
    WXPAY_MCH_ID?: string
    /** Subscription message template id of the group-buy result; empty skips the opt-in request. */
    GROUPBUY_TEMPLATE_ID?: string
    /** CloudBase environment id; empty for the default environment. */
    CLOUD_ENV?: string
  }
}
