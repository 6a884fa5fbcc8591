// The part of wx-server-sdk the entries use (the package ships no types).
declare module 'wx-server-sdk' {
  interface WXContext {
    OPENID?: string
    APPID?: string
    UNIONID?: string
    SOURCE?: string
    ENV?: string
  }
  const cloud: {
    DYNAMIC_CURRENT_ENV: symbol
    init(options: { env: unknown }): void
    getWXContext(): WXContext
    database(): unknown
    cloudPay: {
      unifiedOrder(options: Record<string, unknown>): Promise<{ payment: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string } }>
      refund(options: Record<string, unknown>): Promise<unknown>
    }
    openapi: {
      wxa: { sec: { order: { uploadShippingInfo(payload: unknown): Promise<unknown> } } }
    }
  }
  export default cloud
}
