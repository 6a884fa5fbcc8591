import Taro from '@tarojs/taro'

interface MerchantTransferOptions {
  mchId: string
  appId: string
  package: string
  success?: (result: unknown) => void
  fail?: (error: unknown) => void
}

declare const wx: unknown

type RequestMerchantTransfer = (options: MerchantTransferOptions) => unknown

/** Outcome of asking the payee to confirm a 商家转账: done, declined or not possible here (H5, old WeChat). */
export type TransferConfirmation = 'confirmed' | 'cancelled' | 'unsupported'

/**
 * 商家转账 in production asks the payee to confirm receipt inside the mini program with the
 * transfer's `packageInfo`. Taro has no typing for this WeChat API yet, and older WeChat versions
 * lack it, hence the guard. The browser build pays locally and never needs it.
 */
export function confirmMerchantTransfer(packageInfo: string): Promise<TransferConfirmation> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve('unsupported')
  // Taro passes through only the WeChat APIs it knows; newer ones are read from `wx` itself.
  const wechat = typeof wx === 'undefined' ? undefined : (wx as unknown as { requestMerchantTransfer?: RequestMerchantTransfer })
  const request =
    (Taro as unknown as { requestMerchantTransfer?: RequestMerchantTransfer }).requestMerchantTransfer ?? wechat?.requestMerchantTransfer
  if (typeof request !== 'function') return Promise.resolve('unsupported')
  return new Promise((resolve) => {
    request({
      mchId: process.env.WXPAY_MCH_ID ?? '',
      appId: Taro.getAccountInfoSync().miniProgram.appId,
      package: packageInfo,
      success: () => resolve('confirmed'),
      fail: () => resolve('cancelled'),
    })
  })
}
