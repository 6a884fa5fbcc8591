import type { Order } from '../../../types/domain'

/** Carriers the shop ships with, by the name operators use, with WeChat's delivery company code. */
export const CARRIERS: Record<string, string> = {
  顺丰速运: 'SF',
  中通快递: 'ZTO',
  圆通速递: 'YTO',
  韵达快递: 'YD',
  申通快递: 'STO',
  京东物流: 'JD',
  邮政EMS: 'EMS',
}

/**
 * The form of each carrier's tracking numbers, and how to say it: a number of another carrier's form
 * is almost always a mix-up at the packing table.
 */
export const TRACKING_FORMATS: Record<string, { form: RegExp; hint: string }> = {
  顺丰速运: { form: /^SF\d{12,13}$/, hint: 'SF 加 12–13 位数字' },
  中通快递: { form: /^\d{12,15}$/, hint: '12–15 位数字' },
  圆通速递: { form: /^YT\d{13,15}$/, hint: 'YT 加 13–15 位数字' },
  韵达快递: { form: /^\d{13,15}$/, hint: '13–15 位数字' },
  申通快递: { form: /^\d{12,15}$/, hint: '12–15 位数字' },
  京东物流: { form: /^JD[A-Z0-9]{11,18}$/, hint: 'JD 加 11–18 位字母或数字' },
  邮政EMS: { form: /^([A-Z]{2}\d{9}[A-Z]{2}|\d{13})$/, hint: '13 位数字，或 2 位字母加 9 位数字加 2 位字母' },
}

/** Why the tracking number cannot be the carrier's; null when it fits (or the carrier's form is not known). */
export function trackingProblem(carrier: string, trackingNo: string): string | null {
  const format = TRACKING_FORMATS[carrier]
  if (!format || format.form.test(trackingNo)) return null
  return `运单号与${carrier}的单号格式不符（应为 ${format.hint}）`
}

/** What WeChat's order shipping management (发货信息录入) needs for a paid order that shipped. */
export interface ShippingUpload {
  order_key: { order_number_type: 2; transaction_id: string }
  logistics_type: 1
  delivery_mode: 1
  shipping_list: { tracking_no: string; express_company: string; item_desc: string; contact: { receiver_contact: string } }[]
  upload_time: string
  payer: { openid: string }
}

/** Masks a phone number the way WeChat asks for contacts: 138****0000. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

export function shippingUpload(order: Order, at: string): ShippingUpload {
  if (!order.shipment || !order.transactionId) throw new Error(`order ${order.id} has no shipment or payment`)
  const itemDesc = order.lines.map((l) => `${l.title}×${l.quantity}`).join('，')
  return {
    order_key: { order_number_type: 2, transaction_id: order.transactionId },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [
      {
        tracking_no: order.shipment.trackingNo,
        express_company: CARRIERS[order.shipment.carrier],
        item_desc: [...itemDesc].slice(0, 120).join(''),
        contact: { receiver_contact: maskPhone(order.address.phone) },
      },
    ],
    upload_time: at,
    payer: { openid: order.memberId },
  }
}
