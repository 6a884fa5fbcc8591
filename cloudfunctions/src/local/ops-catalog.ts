// Catalog commands of `npm run ops`: categories, and the catalog as CSV out and back in (with a dry run).
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import * as v from 'valibot'
import type { Product } from '../../../types/domain'
import { type ImportedProduct, catalogToCsv, readCatalogCsv } from '../app/catalog-csv'
import { AppError } from '../app/errors'
import { shelveProduct } from '../app/merchandising'
import { newImageProblems } from '../app/product-images'
import { saveCategory, saveProduct } from '../app/product-editor'
import { merchandisingSchemas } from '../functions/merchandising-schemas'
import type { Store } from '../store/port'
import type { StoredImages } from '../wechat/ports'
import type { OpsCommand } from './ops-target'
import { ACTOR } from './ops-actor'

async function everyProduct(store: Store): Promise<Product[]> {
  const products: Product[] = []
  for (let offset = 0; ; offset += 200) {
    const { items } = await store.listStaffProducts({ offset, limit: 200 })
    products.push(...items)
    if (items.length < 200) return products
  }
}

/** What stops a product from being written, found before anything is: the schema, then the catalog as it is. */
async function problemsOf(store: Store, images: StoredImages, product: ImportedProduct): Promise<string[]> {
  const parsed = v.safeParse(merchandisingSchemas.saveProduct, product.input)
  if (!parsed.success) return parsed.issues.map((i) => `${i.path?.map((p) => String(p.key)).join('.') ?? ''}：${i.message}`)
  const current = product.input.id === undefined ? null : await store.findProduct(product.input.id)
  const imageProblems = await newImageProblems(images, current?.images ?? [], product.input.images)
  if (imageProblems.length > 0) return [imageProblems.join('；')]
  if (product.input.id === undefined) return []
  if (!current) return [`商品编号 ${product.input.id} 不存在（新商品请留空编号）`]
  const ids = product.input.skus.map((s) => s.id).filter((id): id is string => id !== undefined)
  return [
    ...ids.filter((id) => !current.skus.some((s) => s.id === id)).map((id) => `规格编号 ${id} 不属于这件商品`),
    ...current.skus.filter((s) => !ids.includes(s.id)).map((s) => `缺少已有规格 ${s.id}（不能删除，可把库存调为 0）`),
  ]
}

export const CATALOG_COMMANDS: Record<string, OpsCommand> = {
  'categories:list': {
    usage: 'categories:list',
    summary: '列出商品分类（按排序）',
    async run(store) {
      const categories = await store.listCategories()
      console.log(`分类 ${categories.length} 个`)
      for (const c of categories) console.log(`  ${String(c.sort).padStart(4)}  ${c.id.padEnd(12)} ${c.name}`)
      return 0
    },
  },
  'categories:add': {
    usage: 'categories:add <名称> [排序]',
    summary: '新建商品分类（名称不超过 8 字，排序小的在前；写入审计日志）；导入 CSV 前先建好其中的分类',
    async run(store, [name, sort]) {
      const parsed = v.safeParse(merchandisingSchemas.saveCategory, { name, sort: sort === undefined ? 0 : Number(sort) })
      if (!parsed.success) throw new AppError('INVALID_PAYLOAD', parsed.issues.map((i) => i.message).join('；'))
      const categories = await saveCategory(store, ACTOR, parsed.output, Date.now())
      console.log(`已新建分类「${parsed.output.name}」，共 ${categories.length} 个分类`)
      return 0
    },
  },
  'catalog:export': {
    usage: 'catalog:export [文件]',
    summary: '导出全部商品（含下架）为 CSV，每个规格一行；不给文件时输出到终端',
    async run(store, [file]) {
      const products = await everyProduct(store)
      const csv = catalogToCsv(products, await store.listCategories())
      if (file) {
        fs.writeFileSync(file, csv)
        console.log(`已导出 ${products.length} 件商品、${products.reduce((n, p) => n + p.skus.length, 0)} 个规格到 ${file}`)
      } else process.stdout.write(csv)
      return 0
    },
  },
  'catalog:import': {
    usage: 'catalog:import <文件> [--dry-run] [--good-only]',
    summary: '按 CSV 新建或修改商品（已有规格的库存不改，用库存调整）；有问题的行逐条列出，默认全部不写，--good-only 只写没问题的商品',
    async run(store, args, { pay }) {
      const file = args.find((a) => !a.startsWith('--'))
      if (!file || !fs.existsSync(file)) throw new AppError('INVALID_PAYLOAD', '请给出要导入的 CSV 文件')
      const dryRun = args.includes('--dry-run')
      const goodOnly = args.includes('--good-only')
      const read = readCatalogCsv(
        fs.readFileSync(file, 'utf8'),
        await store.listCategories(),
        (title) => `import-${createHash('sha256').update(title).digest('hex').slice(0, 16)}`,
      )
      const problems = [...read.problems]
      const good: ImportedProduct[] = []
      for (const product of read.products) {
        const found = await problemsOf(store, pay, product)
        for (const message of found) problems.push({ line: product.lines[0], message: `「${product.input.title}」${message}` })
        if (found.length === 0 && !read.problems.some((p) => product.lines.includes(p.line))) good.push(product)
      }
      for (const p of problems.sort((a, b) => a.line - b.line)) console.log(`  第 ${p.line} 行：${p.message}`)
      const updates = good.filter((p) => p.input.id !== undefined).length
      console.log(
        `共 ${read.products.length} 件商品：可写入 ${good.length} 件（新建 ${good.length - updates}，修改 ${updates}），有问题 ${problems.length} 处`,
      )
      if (dryRun) return problems.length === 0 ? 0 : 1
      if (problems.length > 0 && !goodOnly) {
        console.log('有问题，未写入任何商品（改正后再导入，或加 --good-only 只写没问题的商品）')
        return 1
      }
      const now = Date.now()
      for (const [i, product] of good.entries()) {
        const saved = await saveProduct(store, ACTOR, product.input, now)
        if ((saved.status === 'on') !== product.onShelf)
          await shelveProduct(store, ACTOR, { productId: saved.id, on: product.onShelf }, now)
        if ((i + 1) % 50 === 0 || i + 1 === good.length) console.log(`已写入 ${i + 1}/${good.length}`)
      }
      return problems.length === 0 ? 0 : 1
    },
  },
}
