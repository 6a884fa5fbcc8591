import type { RedeemItem } from '../../../../types/domain'
import { onTheHour } from './hours'
import { DAY_MS } from '../../core/time'

/** A few items of each kind for the points mall. */
export function mallItems(now: number): RedeemItem[] {
  const open = { startAt: onTheHour(now) - 30 * DAY_MS, endAt: onTheHour(now) + 180 * DAY_MS, status: 'on' as const }
  const base = { coupon: null, privilege: null, limits: {}, tierMin: 1 as const, ...open }
  return [
    {
      ...base,
      id: 'ri-cup',
      kind: 'goods',
      title: '山野茶集 玻璃随手杯',
      subtitle: '茶水分离，办公出行都合适',
      image: '/media/redeem/ri-cup.jpg',
      pointsPrice: 1200,
      stock: 30,
      limits: { ever: 1 },
      sort: 10,
    },
    {
      ...base,
      id: 'ri-sample',
      kind: 'goods',
      title: '明前龙井 试饮装 10g',
      subtitle: '先尝再买，一人一月一份',
      image: '/media/redeem/ri-sample.jpg',
      pointsPrice: 300,
      stock: 200,
      limits: { perMonth: 1 },
      sort: 20,
    },
    {
      ...base,
      id: 'ri-giftbox',
      kind: 'goods',
      title: '节令茶礼小盒',
      subtitle: 'V3 及以上会员专享',
      image: '/media/redeem/ri-giftbox.jpg',
      pointsPrice: 3000,
      stock: 5,
      tierMin: 3,
      limits: { ever: 1 },
      sort: 30,
    },
    {
      ...base,
      id: 'ri-c10',
      kind: 'coupon',
      title: '满 99 减 10 元券',
      subtitle: '全场通用，满 99 元可用，领取后 30 天有效',
      image: '/media/redeem/ri-c10.jpg',
      pointsPrice: 500,
      stock: 1000,
      limits: { perWeek: 2 },
      coupon: { amountOff: 1000, minSpend: 9900, validDays: 30 },
      sort: 40,
    },
    {
      ...base,
      id: 'ri-c30',
      kind: 'coupon',
      title: '满 299 减 30 元券',
      subtitle: '全场通用，满 299 元可用，领取后 30 天有效',
      image: '/media/redeem/ri-c30.jpg',
      pointsPrice: 1400,
      stock: 300,
      limits: { perMonth: 1 },
      coupon: { amountOff: 3000, minSpend: 29900, validDays: 30 },
      sort: 50,
    },
    {
      ...base,
      id: 'ri-ship',
      kind: 'privilege',
      title: '30 天包邮卡',
      subtitle: '兑换后 30 天内下单免运费',
      image: '/media/redeem/ri-ship.jpg',
      pointsPrice: 800,
      stock: 500,
      limits: { perMonth: 1 },
      privilege: { freeShippingDays: 30 },
      sort: 60,
    },
  ]
}
