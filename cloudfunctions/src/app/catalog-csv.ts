import type { ProductInput } from '../../../types/api'
import type { Category, Product } from '../../../types/domain'

/** One row per SKU; a product's own fields repeat on each of its rows. */
export const CATALOG_COLUMNS = [
  '商品编号',
  '商品名称',
  '分类',
  '副标题',
  '详情',
  '状态',
  '精选',
  '会员价',
  '佣金比例%',
  '每单限购',
  '每人限购',
  '仅新会员',
  '图片',
  '标签',
  '规格编号',
  '规格',
  '价格',
  '底价',
  '库存',
] as const

/** Columns an older export may lack: read as empty. */
const OPTIONAL_COLUMNS: readonly string[] = ['底价']

const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
const yesNo = (on: boolean) => (on ? '是' : '否')
const specsText = (specs: Record<string, string>) =>
  Object.entries(specs)
    .map(([name, value]) => `${name}:${value}`)
    .join(';')

/** The catalog as CSV (UTF-8 with BOM, so sheet programs read the Chinese right). */
export function catalogToCsv(products: readonly Product[], categories: readonly Category[]): string {
  const names = new Map(categories.map((c) => [c.id, c.name]))
  const lines = [CATALOG_COLUMNS.join(',')]
  for (const p of products) {
    for (const s of p.skus) {
      lines.push(
        [
          p.id,
          p.title,
          names.get(p.categoryId) ?? p.categoryId,
          p.subtitle,
          p.detail,
          p.status === 'on' ? '在售' : '已下架',
          yesNo(p.featured),
          yesNo(p.memberPrices !== false),
          p.commissionBps === null ? '' : String(p.commissionBps / 100),
          p.limits?.perOrder ? String(p.limits.perOrder) : '',
          p.limits?.perMember ? String(p.limits.perMember) : '',
          yesNo(p.limits?.newMembersOnly === true),
          p.images.join('|'),
          p.tags.join('|'),
          s.id,
          specsText(s.specs),
          (s.price / 100).toFixed(2),
          s.floorPrice ? (s.floorPrice / 100).toFixed(2) : '',
          String(s.stock),
        ]
          .map(cell)
          .join(','),
      )
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** CSV text to rows of cells (quotes, doubled quotes, newlines inside quotes, CRLF, a leading BOM). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let value = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        value += '"'
        i += 1
      } else if (c === '"') quoted = false
      else value += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(value)
      value = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i += 1
      row.push(value)
      rows.push(row)
      row = []
      value = ''
    } else value += c
  }
  if (value !== '' || row.length > 0) {
    row.push(value)
    rows.push(row)
  }
  return rows.filter((r) => r.some((v) => v.trim() !== ''))
}

export interface ImportedProduct {
  /** The CSV lines (1-based, the header is line 1) the product came from. */
  lines: number[]
  input: ProductInput
  onShelf: boolean
}

export interface CatalogImport {
  products: ImportedProduct[]
  /** Each problem with its line. */
  problems: { line: number; message: string }[]
}

const number = (text: string) => (text.trim() === '' ? null : Number(text.trim()))

/** "88" / "88.5" / "88.50" yuan as fen, read digit by digit (no floating-point rounding); null otherwise. */
function fenOf(text: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text)
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null
}

/**
 * Reads catalog CSV rows into product inputs, one per product (rows grouped by 商品编号, or by name
 * for new products), with every problem found and its line; the server's own schema judges the rest.
 */
export function readCatalogCsv(text: string, categories: readonly Category[], requestKey: (title: string) => string): CatalogImport {
  const rows = parseCsv(text)
  const problems: { line: number; message: string }[] = []
  const header = rows[0] ?? []
  const missing = CATALOG_COLUMNS.filter((c) => !header.includes(c) && !OPTIONAL_COLUMNS.includes(c))
  if (missing.length > 0) return { products: [], problems: [{ line: 1, message: `缺少列：${missing.join('、')}` }] }
  const at = (row: string[], column: (typeof CATALOG_COLUMNS)[number]) => (row[header.indexOf(column)] ?? '').trim()
  const groups = new Map<string, ImportedProduct>()
  for (const [index, row] of rows.slice(1).entries()) {
    const line = index + 2
    const problem = (message: string) => problems.push({ line, message })
    const title = at(row, '商品名称')
    const key = at(row, '商品编号') || `new:${title}`
    const category = categories.find((c) => c.name === at(row, '分类') || c.id === at(row, '分类'))
    if (!category) problem(`分类「${at(row, '分类')}」不存在`)
    const price = fenOf(at(row, '价格'))
    if (price === null) problem(`价格「${at(row, '价格')}」应为元，最多两位小数`)
    const floor = at(row, '底价') ? fenOf(at(row, '底价')) : null
    if (at(row, '底价') && floor === null) problem(`底价「${at(row, '底价')}」应为元，最多两位小数`)
    const stock = number(at(row, '库存'))
    const specs: Record<string, string> = {}
    for (const pair of at(row, '规格').split(';').filter(Boolean)) {
      const [name, value] = pair.split(':')
      if (!name || value === undefined) problem(`规格「${pair}」应写成 名称:值`)
      else specs[name.trim()] = value.trim()
    }
    const pct = number(at(row, '佣金比例%'))
    const sku = {
      ...(at(row, '规格编号') ? { id: at(row, '规格编号') } : { initialStock: stock ?? 0 }),
      specs,
      price: price ?? 0,
      floorPrice: floor,
    }
    const existing = groups.get(key)
    if (existing) {
      existing.lines.push(line)
      existing.input.skus.push(sku)
      continue
    }
    const perOrder = number(at(row, '每单限购'))
    const perMember = number(at(row, '每人限购'))
    const newMembersOnly = at(row, '仅新会员') === '是'
    groups.set(key, {
      lines: [line],
      onShelf: at(row, '状态') === '在售',
      input: {
        ...(at(row, '商品编号') ? { id: at(row, '商品编号') } : {}),
        requestId: requestKey(title),
        categoryId: category?.id ?? '',
        title,
        subtitle: at(row, '副标题'),
        detail: at(row, '详情'),
        images: at(row, '图片').split('|').filter(Boolean),
        tags: at(row, '标签').split('|').filter(Boolean),
        featured: at(row, '精选') === '是',
        memberPrices: at(row, '会员价') !== '否',
        commissionBps: pct === null ? null : Math.round(pct * 100),
        limits: perOrder || perMember || newMembersOnly ? { perOrder, perMember, newMembersOnly } : null,
        skus: [sku],
      },
    })
  }
  return { products: [...groups.values()], problems }
}
