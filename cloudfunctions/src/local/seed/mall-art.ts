// Dev-only: the points mall's item images, drawn per item (render-media.ts shoots them).
import type { RedeemItem } from '../../../../types/domain'
import { LOGO, type MOTIFS, P, type Palette, brandMark, esc, page, svg } from './art-kit'

/** Item id -> [motif, palette] for goods; coupons and privileges are drawn as what they are. */
const GOODS_ART: Record<string, [keyof typeof MOTIFS, keyof typeof P]> = {
  'ri-cup': ['glass', 'glass'],
  'ri-sample': ['pouch', 'green'],
  'ri-giftbox': ['box', 'gift'],
}

const yuan = (fen: number) => (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2)

/** A goods item: its own name on its own art, with the points badge of the mall. */
function goodsImage(item: RedeemItem, motif: string, p: Palette): string {
  const [name, ...rest] = item.title.split(' ')
  const title = rest.length > 0 ? rest.join(' ') : name
  return page(
    600,
    600,
    `
    ${brandMark(p)}
    <div class="abs" style="left:110px;top:80px;width:380px;height:380px;border-radius:50%;background:${p.light};opacity:.85"></div>
    ${svg(motif, p, 300, 'position:absolute;left:150px;top:110px')}
    <div class="abs serif" style="left:0;right:0;top:430px;text-align:center;font-size:42px;color:${p.ink};letter-spacing:4px">${esc(title)}</div>
    <div class="abs" style="left:0;right:0;top:496px;text-align:center;font-size:20px;color:${p.ink};opacity:.75;letter-spacing:2px">${esc(item.subtitle)}</div>
    <div class="abs" style="right:28px;top:24px;padding:6px 16px;border-radius:20px;background:${p.accent};color:#fff;font-size:20px">积分兑换</div>`,
    `linear-gradient(160deg, ${p.light}, ${p.deep})`,
  )
}

/** A coupon: a ticket with its amount and threshold, as large as the image. */
function couponImage(item: RedeemItem, p: Palette): string {
  const coupon = item.coupon!
  return page(
    600,
    600,
    `
    ${brandMark(p, '#fff8ee')}
    <div class="abs" style="left:48px;top:130px;width:504px;height:300px;border-radius:24px;background:#fff8ee;display:flex;overflow:hidden">
      <div style="width:300px;display:flex;flex-direction:column;align-items:center;justify-content:center;color:${p.main}">
        <div class="serif" style="font-size:40px;line-height:1">¥<span style="font-size:128px">${yuan(coupon.amountOff)}</span></div>
        <div style="margin-top:12px;font-size:26px;color:${p.ink}">满 ${yuan(coupon.minSpend)} 元可用</div>
      </div>
      <div style="width:0;border-left:4px dashed ${p.deep};margin:24px 0"></div>
      <div style="flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:14px;color:${p.ink}">
        <div class="serif" style="font-size:40px;letter-spacing:6px;writing-mode:vertical-rl">优惠券</div>
      </div>
    </div>
    <div class="abs" style="left:0;right:0;top:470px;text-align:center;font-size:26px;color:#fff8ee;letter-spacing:4px">全场通用 · 领取后 ${coupon.validDays} 天有效</div>`,
    `linear-gradient(160deg, ${p.main}, ${p.ink})`,
  )
}

/** A privilege: a member card naming what it gives and for how long. */
function privilegeImage(item: RedeemItem, p: Palette): string {
  const days = item.privilege?.freeShippingDays ?? 0
  return page(
    600,
    600,
    `
    <div class="abs" style="left:60px;top:120px;width:480px;height:300px;border-radius:28px;background:linear-gradient(135deg, #2b2b2b, #4a4038);box-shadow:0 18px 40px #0004">
      <div class="abs serif" style="left:36px;top:32px;display:flex;align-items:center;gap:10px;color:#f3d9a4;font-size:22px;letter-spacing:4px">${LOGO('#f3d9a4', 20)}山野茶集 会员权益</div>
      <div class="abs serif" style="left:36px;top:104px;color:#f3d9a4;font-size:72px;letter-spacing:6px">包邮卡</div>
      <div class="abs" style="left:36px;top:206px;color:#f6efe2;font-size:26px;opacity:.85">${days} 天内下单免运费</div>
      <div class="abs serif" style="right:36px;bottom:28px;color:#f3d9a4;font-size:64px;opacity:.9">${days}<span style="font-size:26px"> 天</span></div>
    </div>
    <div class="abs" style="left:0;right:0;top:470px;text-align:center;font-size:26px;color:${p.ink};letter-spacing:4px">${esc(item.title)}</div>`,
    `linear-gradient(160deg, ${p.light}, ${p.deep})`,
  )
}

/** The image of one mall item, at the size of a product image. */
export function mallImage(item: RedeemItem): string {
  if (item.kind === 'coupon') return couponImage(item, P.red)
  if (item.kind === 'privilege') return privilegeImage(item, P.cream)
  const [motif, key] = GOODS_ART[item.id] ?? ['box', 'gift']
  return goodsImage(item, motif, P[key])
}
