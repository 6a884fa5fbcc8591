import { describe, expect, it } from 'vitest'
import { settleable } from '../../cloudfunctions/src/core/settlement'
import type { CommissionLine, OrderLine } from '../../types/domain'

const DAY = 86_400_000
const RECEIVED = Date.UTC(2026, 10, 1, 2)
const AVAILABLE_AT = RECEIVED + 7 * DAY

const line = (over: Partial<CommissionLine> = {}): CommissionLine => ({
  id: 'cm-l1',
  distributorId: 'koc',
  orderId: 'o1',
  orderLineId: 'l1',
  buyerId: 'buyer',
  productId: 'p1',
  title: '明前龙井',
  image: '',
  quantity: 1,
  paidAmount: 10_000,
  refundedAmount: 0,
  bps: 1_000,
  capped: false,
  amount: 1_000,
  status: 'frozen',
  createdAt: RECEIVED - DAY,
  frozenAt: RECEIVED,
  availableAt: AVAILABLE_AT,
  settledAt: null,
  voidedAt: null,
  clawedBack: 0,
  ...over,
})
const orderLine = (status: OrderLine['status'] = 'normal') => ({ id: 'l1', status }) as OrderLine
const approved = { status: 'approved' as const }

describe('a commission line becomes available 7 days after receipt with no after-sale case open', () => {
  it('settles a frozen line once its 7 days are over, the case closed and the distributor approved', () => {
    expect(settleable(line(), orderLine(), approved, AVAILABLE_AT)).toEqual({ settle: true })
  })

  it('waits while the 7 days after receipt are not over', () => {
    expect(settleable(line(), orderLine(), approved, AVAILABLE_AT - 1)).toEqual({ settle: false, hold: 'coolingOff' })
  })

  it('never settles a line that was not received (pending)', () => {
    expect(settleable(line({ status: 'pending', frozenAt: null, availableAt: null }), orderLine(), approved, AVAILABLE_AT)).toEqual({
      settle: false,
      hold: 'notReceived',
    })
  })

  it('waits while an after-sale case is open on the order line', () => {
    expect(settleable(line(), orderLine('refunding'), approved, AVAILABLE_AT)).toEqual({ settle: false, hold: 'afterSaleOpen' })
  })

  it('settles what stays of a partly refunded line once the case is closed', () => {
    expect(settleable(line({ amount: 400, refundedAmount: 6_000 }), orderLine('refunded'), approved, AVAILABLE_AT)).toEqual({
      settle: true,
    })
  })

  it('waits when the order line cannot be found', () => {
    expect(settleable(line(), null, approved, AVAILABLE_AT)).toEqual({ settle: false, hold: 'orderLineMissing' })
  })

  it('waits while the distributor is frozen or unknown', () => {
    expect(settleable(line(), orderLine(), { status: 'frozen' }, AVAILABLE_AT)).toEqual({ settle: false, hold: 'distributorNotApproved' })
    expect(settleable(line(), orderLine(), null, AVAILABLE_AT)).toEqual({ settle: false, hold: 'distributorNotApproved' })
  })

  it('never settles a line a refund voided, nor one already available', () => {
    expect(settleable(line({ status: 'void', amount: 0 }), orderLine('refunded'), approved, AVAILABLE_AT)).toEqual({
      settle: false,
      hold: 'void',
    })
    expect(settleable(line({ status: 'available', settledAt: AVAILABLE_AT }), orderLine(), approved, AVAILABLE_AT + DAY)).toEqual({
      settle: false,
      hold: 'settled',
    })
  })
})
