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
    /** In a function: the environment only. Elsewhere (the command line): an API key pair too. */
    init(options: { env: unknown; secretId?: string; secretKey?: string; serviceUrl?: string }): void
    getWXContext(): WXContext
    database(options?: { env?: string }): unknown
    callFunction(options: { name: string; data: unknown }): Promise<{ result: unknown }>
    downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
    cloudPay: {
      unifiedOrder(
        options: Record<string, unknown>,
      ): Promise<{ payment: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string } }>
      refund(options: Record<string, unknown>): Promise<unknown>
    }
    openapi: {
      wxa: { sec: { order: { uploadShippingInfo(payload: unknown): Promise<unknown> } } }
      security: {
        /** Text check v2: `result.suggest` is pass, review or risky. */
        msgSecCheck(options: { openid: string; scene: number; version: 2; content: string }): Promise<{
          errCode?: number
          errMsg?: string
          errcode?: number
          errmsg?: string
          result?: { suggest?: string; label?: number }
          traceId?: string
        }>
        /** Image or audio check v2: answers a trace id; the verdict arrives later as the wxa_media_check event. */
        mediaCheckAsync(options: { openid: string; scene: number; version: 2; mediaType: 1 | 2; mediaUrl: string }): Promise<{
          errCode?: number
          errMsg?: string
          traceId?: string
          trace_id?: string
        }>
      }
      subscribeMessage: {
        /** One subscription message to a user who opted in (rejects on an errCode other than 0). */
        send(options: {
          touser: string
          templateId: string
          page?: string
          data: Record<string, { value: string }>
          miniprogramState?: 'developer' | 'trial' | 'formal'
        }): Promise<{ errCode?: number; errMsg?: string }>
      }
      wxacode: {
        /** A mini program code for a scene (rejects on an errCode other than 0). */
        getUnlimited(options: {
          scene: string
          page?: string
          checkPath?: boolean
          envVersion?: 'release' | 'trial' | 'develop'
          width?: number
        }): Promise<{ contentType: string; buffer: Buffer; errCode?: number; errMsg?: string }>
      }
    }
    uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string; statusCode?: number }>
    getTempFileURL(options: { fileList: (string | { fileID: string; maxAge?: number })[] }): Promise<{
      fileList: { fileID: string; tempFileURL: string; status: number; errMsg: string; maxAge?: number }[]
    }>
  }
  export default cloud
}
