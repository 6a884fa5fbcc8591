// Dev-only: regenerates the committed placeholder images in ./media from demo-shop.ts (never run at runtime).
// Needs Chromium and CJK fonts: apt-get install -y chromium fonts-noto-cjk; then `npx tsx cloudfunctions/src/local/seed/render-media.ts`.
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { demoShop } from './demo-shop'
import { mallItems } from './mall'
import { mallImage } from './mall-art'
import { AVATAR_ART, CATEGORY_ART, LOGO, MEDIA_DIR, P, PRODUCT_ART, type Palette, brandMark, esc, page, svg } from './art-kit'

function productImage(title: string, subtitle: string, specs: string[], motif: string, p: Palette, variant: number): string {
  const [name, ...rest] = title.split(' ')
  if (variant === 1) {
    return page(
      600,
      600,
      `
      ${brandMark(p)}
      <div class="abs" style="left:50%;top:250px;width:380px;height:380px;margin:-190px 0 0 -190px;border-radius:50%;background:${p.light};opacity:.8"></div>
      ${svg(motif, p, 300, 'position:absolute;left:150px;top:96px')}
      <div class="abs serif" style="left:0;right:0;top:420px;text-align:center;font-size:44px;color:${p.ink};letter-spacing:4px">${esc(name)}</div>
      <div class="abs" style="left:0;right:0;top:488px;text-align:center;font-size:21px;color:${p.ink};opacity:.75;letter-spacing:2px">${esc([...rest, subtitle].join(' · '))}</div>`,
      `linear-gradient(160deg, ${p.light}, ${p.deep})`,
    )
  }
  if (variant === 2) {
    return page(
      600,
      600,
      `
      ${svg(motif, p, 480, 'position:absolute;left:220px;top:150px;transform:rotate(-12deg)')}
      <div class="abs serif" style="left:40px;top:48px;font-size:34px;color:${p.ink};letter-spacing:3px">${esc(name)}</div>
      <div class="abs" style="left:40px;top:104px;font-size:19px;color:${p.ink};opacity:.7;width:300px;line-height:1.6">${esc(subtitle)}</div>
      <div class="abs" style="left:40px;top:200px;display:flex;flex-direction:column;gap:12px">
        ${specs.map((s) => `<span style="align-self:flex-start;padding:6px 16px;border-radius:18px;background:#ffffffcc;color:${p.ink};font-size:18px">${esc(s)}</span>`).join('')}
      </div>`,
      p.deep,
    )
  }
  return page(
    600,
    600,
    `
    ${brandMark(p, '#f6efe2')}
    <div class="abs" style="left:120px;top:90px;width:360px;height:360px;border-radius:50%;background:radial-gradient(${p.main}55, transparent 70%)"></div>
    ${svg(motif, p, 280, 'position:absolute;left:160px;top:120px')}
    <div class="abs serif" style="left:0;right:0;top:440px;text-align:center;font-size:32px;color:#f6efe2;letter-spacing:6px">${esc(name)}</div>
    <div class="abs" style="left:0;right:0;top:496px;text-align:center;font-size:18px;color:#f6efe2;opacity:.7;letter-spacing:8px">山野甄选 · 送礼自饮</div>`,
    `linear-gradient(180deg, ${p.ink}, #1d1a16)`,
  )
}

/** One line per clause, each sized to fill the width, like a note cover. */
function headline(title: string, width: number): string {
  const clauses = title.split(/(?<=[，：？！。｜])|\s+/).filter(Boolean)
  const lines = clauses.flatMap((clause) => {
    const count = Math.ceil(clause.length / 9)
    const size = Math.ceil(clause.length / count)
    return Array.from({ length: count }, (_, i) => clause.slice(i * size, (i + 1) * size))
  })
  return lines.map((line) => `<div style="font-size:${Math.min(40, Math.floor(width / line.length))}px">${esc(line)}</div>`).join('')
}

const TABLETOPS = [
  'linear-gradient(170deg, #b78b62, #8a6242)',
  'linear-gradient(170deg, #ebe4d8, #cfc4b2)',
  'linear-gradient(170deg, #75807f, #4c5657)',
]

function postCover(title: string, pgc: boolean, motif: string, p: Palette, index: number): string {
  if (pgc) {
    return page(
      600,
      450,
      `
      <div class="abs" style="left:28px;top:28px;padding:4px 14px;border-radius:14px;background:${p.ink};color:${p.light};font-size:16px;letter-spacing:2px">茶事笔记</div>
      <div class="abs serif" style="left:28px;top:84px;width:340px;line-height:1.4;color:${p.ink}">${headline(title, 340)}</div>
      ${svg(motif, p, 250, 'position:absolute;right:24px;bottom:40px')}
      <div class="abs" style="left:28px;bottom:26px;display:flex;align-items:center;gap:6px;color:${p.ink};opacity:.7;font-size:16px">${LOGO(p.ink, 14)}山野茶集官方</div>`,
      `linear-gradient(135deg, ${p.light}, ${p.deep})`,
    )
  }
  return page(
    600,
    800,
    `
    <div class="abs" style="left:60px;top:110px;width:480px;height:480px;border-radius:50%;background:${p.light};box-shadow:0 18px 40px #0000002e"></div>
    ${svg(motif, p, 340, 'position:absolute;left:130px;top:180px')}
    ${svg('cup', P.stone, 150, 'position:absolute;left:410px;top:40px;transform:rotate(18deg)')}
    <div class="abs serif" style="left:36px;right:36px;bottom:48px;padding:18px 22px;border-radius:14px;background:#fffaf2e6;font-size:30px;line-height:1.45;color:#3a2d22">${esc(title)}</div>`,
    TABLETOPS[index % TABLETOPS.length],
  )
}

function postPhoto(caption: string, motif: string, p: Palette, portrait: boolean): string {
  const [w, h] = portrait ? [600, 800] : [600, 450]
  const size = portrait ? 380 : 300
  return page(
    w,
    h,
    `
    ${svg(motif, p, size, `position:absolute;left:${(w - size) / 2}px;top:${(h - size) / 2 - 30}px`)}
    <div class="abs" style="left:0;right:0;bottom:26px;text-align:center;color:${p.ink};font-size:20px;letter-spacing:2px;opacity:.8">${esc(caption)}</div>`,
    `radial-gradient(circle at 50% 45%, ${p.light}, ${p.deep})`,
  )
}

function avatar(index: number): string {
  const [motif, key] = AVATAR_ART[index % AVATAR_ART.length]
  const p = P[key]
  return page(160, 160, svg(motif, p, 112, 'position:absolute;left:24px;top:26px'), `linear-gradient(150deg, ${p.light}, ${p.deep})`)
}

function brandAvatar(): string {
  const p = P.green
  return page(
    160,
    160,
    `
    <div class="abs" style="left:0;right:0;top:34px;display:flex;justify-content:center">${LOGO('#f4efe2', 44)}</div>
    <div class="abs serif" style="left:0;right:0;top:88px;text-align:center;font-size:30px;letter-spacing:4px;color:#f4efe2">山野</div>`,
    `linear-gradient(150deg, ${p.accent}, ${p.ink})`,
  )
}

function categoryIcon(motif: string, p: Palette): string {
  return page(
    96,
    96,
    `
    <div class="abs" style="left:4px;top:4px;width:88px;height:88px;border-radius:50%;background:${p.deep}"></div>
    ${svg(motif, p, 60, 'position:absolute;left:18px;top:18px')}`,
    'transparent',
  )
}

async function shoot(pageHandle: Page, file: string, html: string, png = false): Promise<void> {
  await pageHandle.setContent(html)
  const { width, height } = await pageHandle.evaluate(() => ({ width: document.body.clientWidth, height: document.body.clientHeight }))
  await pageHandle.setViewportSize({ width, height })
  await pageHandle.evaluate(() => document.fonts.ready)
  const path = join(MEDIA_DIR, file)
  mkdirSync(dirname(path), { recursive: true })
  if (png) await pageHandle.screenshot({ path, type: 'png', omitBackground: true })
  else await pageHandle.screenshot({ path, type: 'jpeg', quality: 70 })
}

/**
 * Draws every image afresh; `--only <names…>` draws just those (`mall`, product ids such as p28, post
 * ids such as post03) and leaves every other image as it is.
 */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--only')
  const only = at === -1 ? null : new Set(process.argv.slice(at + 1))
  const wanted = (name: string) => only === null || only.has(name)
  const shop = demoShop(0)
  const productsById = new Map(shop.products.map((product) => [product.id, product]))
  const fileOf = (mediaPath: string) => mediaPath.replace(/^\/media\//, '')
  if (only === null) rmSync(MEDIA_DIR, { recursive: true, force: true })

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  const tab = await browser.newPage()

  if (wanted('mall')) for (const item of mallItems(0)) await shoot(tab, fileOf(item.image), mallImage(item))
  for (const category of shop.categories.filter(() => only === null)) {
    const [motif, key] = CATEGORY_ART[category.id]
    await shoot(tab, fileOf(category.icon), categoryIcon(motif, P[key]), true)
  }
  for (const product of shop.products.filter((p) => wanted(p.id))) {
    const [motif, key] = PRODUCT_ART[product.id]
    const specs = product.skus.map((sku) => Object.values(sku.specs).join(' · '))
    for (const [i, image] of product.images.entries()) {
      await shoot(tab, fileOf(image), productImage(product.title, product.subtitle, specs, motif, P[key], i + 1))
    }
  }
  for (const [index, post] of shop.posts.entries()) {
    if (!wanted(post.id)) continue
    const pgc = post.kind === 'pgc'
    const first = productsById.get(post.productIds[0])!
    const [motif, key] = PRODUCT_ART[first.id]
    await shoot(tab, fileOf(post.cover), postCover(post.title, pgc, motif, P[key], index))
    for (const image of post.images.slice(1)) {
      const shown = productsById.get(post.productIds[1] ?? post.productIds[0])!
      const [m, k] = PRODUCT_ART[shown.id]
      await shoot(tab, fileOf(image), postPhoto(shown.title, m, P[k], !pgc))
    }
  }
  let avatarIndex = 0
  // Staff wear the brand's avatar, drawn once for the brand.
  for (const member of shop.members.filter((m) => only === null && (m.id === 'brand' || !m.avatar.endsWith('/brand.jpg')))) {
    await shoot(tab, fileOf(member.avatar), member.id === 'brand' ? brandAvatar() : avatar(avatarIndex++))
  }
  await browser.close()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
