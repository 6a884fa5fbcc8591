import * as v from 'valibot'
import { AppError } from '../../app/errors'
import { sendShippingInfo } from '../../app/shipping-info'
import { cloudbaseServerCall } from '../cloudbase'

const Event = v.object({ transactionId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)) })

/** Shipping information for WeChat's trade management, asked for by the operators' command line. */
export const main = cloudbaseServerCall(async (event, { store, pay }) => {
  const parsed = v.safeParse(Event, event)
  if (!parsed.success) throw new AppError('INVALID_PAYLOAD', '需要 { transactionId }')
  return sendShippingInfo(store, pay, parsed.output.transactionId)
})
