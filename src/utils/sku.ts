import type { ProductDetail, SkuView } from '../../types/api'

/** Spec name -> chosen value, e.g. { 规格: '250g', 口味: '原味' }. */
export type SpecSelection = Record<string, string>

/** How a spec value would work out combined with the rest of the current selection. */
export type SpecValueState = 'available' | 'soldOut' | 'unavailable'

type SkuSource = Pick<ProductDetail, 'skus'>

const matches = (sku: SkuView, selection: SpecSelection) => Object.keys(sku.specs).every((name) => sku.specs[name] === selection[name])

/** The SKU whose specs are exactly the selection. */
export function findSku(product: SkuSource, selection: SpecSelection): SkuView | undefined {
  return product.skus.find((sku) => matches(sku, selection))
}

/** Starts on the first SKU that can be bought, so the page opens on a real price and stock. */
export function initialSelection(product: SkuSource): SpecSelection {
  const first = product.skus.find((sku) => sku.stockState !== 'soldOut') ?? product.skus[0]
  return first ? { ...first.specs } : {}
}

/**
 * Chooses `value` for spec `name`. When no SKU has that value together with the other chosen values,
 * the other values follow the first SKU that carries it (preferring one in stock), so the selection
 * always names a real SKU.
 */
export function chooseSpec(product: SkuSource, selection: SpecSelection, name: string, value: string): SpecSelection {
  const wanted = { ...selection, [name]: value }
  if (findSku(product, wanted)) return wanted
  const carrying = product.skus.filter((sku) => sku.specs[name] === value)
  const fallback = carrying.find((sku) => sku.stockState !== 'soldOut') ?? carrying[0]
  return fallback ? { ...fallback.specs } : selection
}

export function specValueState(product: SkuSource, selection: SpecSelection, name: string, value: string): SpecValueState {
  const sku = findSku(product, { ...selection, [name]: value })
  if (!sku) return 'unavailable'
  return sku.stockState === 'soldOut' ? 'soldOut' : 'available'
}

/** The chosen specs in words, e.g. "50g / 罐装". */
export function specsLabel(specs: Record<string, string>): string {
  return Object.keys(specs)
    .map((name) => specs[name])
    .join(' / ')
}
