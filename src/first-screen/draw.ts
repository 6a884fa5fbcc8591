import type { Page, ProductCard } from '../../types/api'
import type { CampaignChip } from '../pages/home/campaignChips'
import type { Tier } from '../../types/domain'
import { mediaUrl } from '../services/media'
import { formatFen } from '../utils/money'
import { PAGES, productPath } from '../utils/routes'
import { stockLabel } from '../utils/stock'
import { tierLabel } from '../utils/tier'

/**
 * The top of the home page drawn with plain DOM, before the app's code has run: the hero, the
 * campaigns, 精选好物 and its product cards, in the markup and class names of the home page, its
 * campaign strip, ProductCard and Price,
 * so the app's own styles draw them as the app will. Text goes in as text, never as markup.
 */

/** Who is looking, as the signed-in session says: the greeting and the member price's label. */
export interface Viewer {
  nickname: string
  tier: Tier
}

type Child = Node | string | null | false

function el(tag: string, className: string, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag)
  node.className = className
  for (const child of children) if (child) node.append(child)
  return node
}

function price(product: ProductCard, viewer: Viewer | null): HTMLElement {
  if (product.memberPrice === null) return el('div', 'price price--normal', el('span', 'price__now', formatFen(product.price)))
  return el(
    'div',
    'price price--normal',
    el('span', 'price__member-label', viewer ? `${tierLabel(viewer.tier)} 会员价` : '会员价'),
    el('span', 'price__now', formatFen(product.memberPrice)),
    el('span', 'price__list', formatFen(product.price)),
  )
}

/** One product card, a link to its product page as the app's card opens it. */
export function productCard(product: ProductCard, viewer: Viewer | null): HTMLElement {
  const soldOut = product.stockState === 'soldOut'
  const cover = document.createElement('img')
  cover.className = 'product-card__cover'
  cover.src = mediaUrl(product.cover)
  cover.alt = ''
  const card = el(
    'a',
    `product-card product-card--grid${soldOut ? ' product-card--sold-out' : ''}`,
    el(
      'div',
      'product-card__cover-box',
      cover,
      product.stockState !== 'inStock' && el('span', 'product-card__stock', stockLabel(product.stockState)),
    ),
    el(
      'div',
      'product-card__body',
      el('span', 'product-card__title', product.title),
      product.tags.length > 0 &&
        el('div', 'product-card__tags', ...product.tags.slice(0, 2).map((tag) => el('span', 'product-card__tag', tag))),
      el('div', 'product-card__footer', price(product, viewer), el('span', 'product-card__sales', `已售 ${product.sales}`)),
    ),
  )
  card.setAttribute('href', `#${productPath(product.id)}`)
  return card
}

/** One campaign chip, a link when the campaign leads somewhere. */
function campaignChip(chip: CampaignChip): HTMLElement {
  const item = el(
    chip.link ? 'a' : 'div',
    `campaign-strip__item campaign-strip__item--${chip.type}${chip.link ? ' campaign-strip__item--link' : ''}`,
    el('span', 'campaign-strip__badge', chip.badge),
    el('div', 'campaign-strip__main', el('span', 'campaign-strip__title', chip.title), el('span', 'campaign-strip__when', chip.ends)),
    chip.link && el('span', 'campaign-strip__go', `${chip.link.text} ›`),
  )
  if (chip.link) item.setAttribute('href', `#${chip.link.url}`)
  return item
}

/** The hero, the campaigns in force and 精选好物 with its cards. */
export function firstScreen(featured: Page<ProductCard>, chips: readonly CampaignChip[], viewer: Viewer | null): HTMLElement {
  const hero = el(
    'div',
    'home__hero',
    el('span', 'home__brand', '私域好物'),
    viewer
      ? el(
          'div',
          'home__greeting',
          el('span', '', `你好，${viewer.nickname}`),
          el('span', `tier-badge tier-badge--v${viewer.tier}`, tierLabel(viewer.tier)),
        )
      : el('span', 'home__greeting', '会员专享价，等级越高越优惠'),
  )
  const categories = el('a', 'section-title__hint', '全部分类')
  categories.setAttribute('href', `#${PAGES.category}`)
  return el(
    'div',
    'home',
    hero,
    chips.length > 0 && el('div', 'campaign-strip', ...chips.map(campaignChip)),
    el('div', 'section-title', el('span', '', '精选好物'), categories),
    el('div', 'home__featured', ...featured.items.map((product) => productCard(product, viewer))),
  )
}
