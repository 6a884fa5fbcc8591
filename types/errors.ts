/** Every error a function answers with. The message is for people; the code is for programs. */
export type ErrorCode =
  | 'MALFORMED_JSON'
  | 'UNKNOWN_FUNCTION'
  | 'UNKNOWN_ACTION'
  | 'INVALID_PAYLOAD'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PRODUCT_NOT_FOUND'
  | 'CATEGORY_NOT_FOUND'
  | 'MEMBER_NOT_FOUND'
  | 'UNKNOWN_PERSON'
  | 'UNKNOWN_JOB'
  | 'WRONG_SOURCE'
  | 'PAYLOAD_TOO_LARGE'
  | 'SKU_NOT_FOUND'
  | 'OUT_OF_STOCK'
  | 'CART_FULL'
  | 'EMPTY_ORDER'
  | 'PRICE_CHANGED'
  | 'ORDER_NOT_FOUND'
  | 'ORDER_STATE'
  | 'REFUND_CLOSED'
  | 'LINE_NOT_FOUND'
  | 'LINE_NOT_REFUNDABLE'
  | 'POINTS_CHANGED'
  | 'BIRTHDAY_LOCKED'
  | 'REDEEM_REFUSED'
  | 'SOLD_OUT'
  | 'POINTS_SHORT'
  | 'LIMIT_REACHED'
  | 'REDEMPTION_STATE'
  | 'ITEM_NOT_FOUND'
  | 'COUPON_INVALID'
  | 'NOT_DISTRIBUTOR'
  | 'DISTRIBUTOR_NOT_FOUND'
  | 'DISTRIBUTOR_FROZEN'
  | 'APPLICATION_STATE'
  | 'ATTESTATION_REQUIRED'
  | 'RULES_CHANGED'
  | 'WITHDRAW_TOO_SMALL'
  | 'BALANCE_SHORT'
  | 'DAILY_CAP'
  | 'GROUPBUY_NOT_FOUND'
  | 'GROUPBUY_CLOSED'
  | 'GROUPBUY_SOLD_OUT'
  | 'GROUPBUY_LIMIT'
  | 'TEAM_NOT_FOUND'
  | 'TEAM_FULL'
  | 'TEAM_CLOSED'
  | 'ALREADY_IN_TEAM'
  | 'OWN_TEAM'
  | 'TEAM_FORMING'
  | 'CAMPAIGN_NOT_FOUND'
  | 'CAMPAIGN_INVALID'
  | 'CAMPAIGN_EXISTS'
  | 'ACCOUNT_BUSY'
  | 'POST_NOT_FOUND'
  | 'POST_STATE'
  | 'POST_LIMIT'
  | 'STAFF_LAST_OWNER'
  | 'BUSY'
  | 'INTERNAL'

export interface ApiError {
  ok: false
  code: ErrorCode
  message: string
}

export interface ApiOk<T> {
  ok: true
  data: T
}

export type ApiResult<T> = ApiOk<T> | ApiError
