/** The carriers shipping and returns accept (the server's list). */
export const CARRIER_NAMES = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', '邮政EMS'] as const
