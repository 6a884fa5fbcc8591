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
