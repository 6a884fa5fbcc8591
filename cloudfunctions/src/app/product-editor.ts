import { createHash } from 'node:crypto'
import type { ProductInput } from '../../../types/api'
import type { Category, Product, Sku } from '../../../types/domain'
import type { Store } from '../store/port'
import { recordAudit } from './audit'
import { AppError } from './errors'

const specKey = (specs: Record<string, string>) => JSON.stringify(Object.entries(specs).sort(([a], [b]) => (a < b ? -1 : 1)))

/**
 * The SKUs as staff edited them: an existing SKU keeps its id and stock (only specs, price and cost
 * floor change; a floor of 0 or none clears it);
 * a new one gets the next free id and its starting stock. An existing SKU cannot be dropped (carts,
 * orders and reports name it) — its stock can be taken to zero instead.
 */
function editedSkus(productId: string, current: readonly Sku[], input: ProductInput['skus']): Sku[] {
  const keys = input.map((s) => specKey(s.specs))
  if (new Set(keys).size !== keys.length) throw new AppError('INVALID_PAYLOAD', '有两个规格的规格值完全相同')
  for (const sku of current)
    if (!input.some((s) => s.id === sku.id))
      throw new AppError('INVALID_PAYLOAD', `不能删除已有规格「${Object.values(sku.specs).join(' ')}」，可把它的库存调为 0`)
  for (const s of input)
    if ((s.floorPrice ?? 0) > s.price)
      throw new AppError('INVALID_PAYLOAD', `规格「${Object.values(s.specs).join(' ')}」的底价不能高于标价`)
  const taken = new Set(current.map((s) => s.id))
  let next = current.length
  return input.map((s): Sku => {
    const existing = s.id === undefined ? undefined : current.find((c) => c.id === s.id)
    if (s.id !== undefined && !existing) throw new AppError('SKU_NOT_FOUND', '规格不存在，新规格请不要带编号')
    const floor = s.floorPrice ? { floorPrice: s.floorPrice } : {}
    if (existing) {
      const { floorPrice: _cleared, ...kept } = existing
      return { ...kept, specs: s.specs, price: s.price, ...floor }
    }
    next += 1
    while (taken.has(`${productId}-s${next}`)) next += 1
    const id = `${productId}-s${next}`
    taken.add(id)
    return { id, productId, specs: s.specs, price: s.price, stock: s.initialStock ?? 0, ...floor }
  })
}

/**
 * Creates or edits a product with its SKUs. A new product starts off the shelf (put it on when it is
 * ready); creating twice with the same request answers the first. Stock of existing SKUs is never
 * written here. Audited.
 */
export async function saveProduct(store: Store, actor: string, req: ProductInput, now: number): Promise<Product> {
  if (!(await store.listCategories()).some((c) => c.id === req.categoryId)) throw new AppError('CATEGORY_NOT_FOUND', '分类不存在')
  const id = req.id ?? `p${createHash('sha256').update(`${actor}\u0000${req.requestId}`).digest('hex').slice(0, 12)}`
  const before = await store.findProduct(id)
  if (req.id !== undefined && !before) throw new AppError('PRODUCT_NOT_FOUND', '商品不存在')
  if (req.id === undefined && before) return before
  const limits = req.limits && (req.limits.perOrder || req.limits.perMember || req.limits.newMembersOnly) ? req.limits : null
  const product: Product = {
    id,
    categoryId: req.categoryId,
    title: req.title,
    subtitle: req.subtitle,
    images: req.images,
    detail: req.detail,
    tags: req.tags,
    sales: before?.sales ?? 0,
    status: before?.status ?? 'off',
    featured: req.featured,
    commissionBps: req.commissionBps,
    sort: before?.sort ?? 1_000,
    createdAt: before?.createdAt ?? now,
    skus: editedSkus(id, before?.skus ?? [], req.skus),
    ...(limits ? { limits } : {}),
    ...(req.memberPrices ? {} : { memberPrices: false }),
  }
  await store.saveProductDetails(product)
  await recordAudit(store, actor, before ? 'product:update' : 'product:create', id, before, product, now)
  return (await store.findProduct(id))!
}

/** Creates or edits a category (its name, icon and place in the list). Audited. */
export async function saveCategory(
  store: Store,
  actor: string,
  req: { id?: string; name: string; icon?: string; sort: number },
  now: number,
): Promise<Category[]> {
  const categories = await store.listCategories()
  const before = req.id === undefined ? undefined : categories.find((c) => c.id === req.id)
  if (req.id !== undefined && !before) throw new AppError('CATEGORY_NOT_FOUND', '分类不存在')
  if (categories.some((c) => c.name === req.name && c.id !== req.id)) throw new AppError('INVALID_PAYLOAD', `已有名为「${req.name}」的分类`)
  const id = req.id ?? `c-${createHash('sha256').update(`${req.name}\u0000${now}`).digest('hex').slice(0, 8)}`
  const category: Category = { id, name: req.name, icon: req.icon ?? before?.icon ?? '', sort: req.sort }
  await store.putCategory(category)
  await recordAudit(store, actor, before ? 'category:update' : 'category:create', id, before ?? null, category, now)
  return store.listCategories()
}
