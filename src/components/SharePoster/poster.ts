import type { Fen } from '../../../types/domain'
import { formatFen } from '../../utils/money'

/** The shop the poster is signed with. */
export const SHOP_NAME = '山野茶集'
/** What to do with the code; the poster shows the product and its price, never what sharing earns. */
export const POSTER_HINT = '长按识别 · 扫码查看'
/** Width of the poster on screen, in CSS pixels. */
export const POSTER_WIDTH = 300
/** Canvas pixels per CSS pixel, whatever the screen: a saved poster stays sharp when printed or zoomed. */
export const POSTER_SCALE = 3
/** Light modules kept around a drawn QR code so scanners find its edge. */
export const QR_QUIET_MODULES = 2

const FONT_FAMILY = 'sans-serif'
const COLORS = {
  paper: '#ffffff',
  photoBackdrop: '#f5f5f5',
  text: '#222222',
  price: '#d9363e',
  hint: '#999999',
  divider: '#eeeeee',
  qrDark: '#000000',
  qrLight: '#ffffff',
}

export interface Square {
  x: number
  y: number
  size: number
}

/** One line of text, drawn from its top-left corner. */
export interface TextRun {
  text: string
  x: number
  y: number
  font: string
  color: string
}

/** Where everything on the poster goes, in CSS pixels of a poster `width` wide. */
export interface PosterLayout {
  width: number
  height: number
  photo: Square
  /** One or two lines; a longer title ends in an ellipsis. */
  title: TextRun[]
  /** What the price is, e.g. `3人团 拼团价`, on a line of its own above it; null when the poster names none. */
  tag: TextRun | null
  price: TextRun
  divider: { x: number; y: number; width: number }
  shop: TextRun
  hint: TextRun
  qr: Square
}

/** Width of `text` drawn in `font`, in CSS pixels. */
export type MeasureText = (text: string, font: string) => number

/**
 * A close estimate without a canvas: CJK and full-width characters are one em wide, others about
 * half. A canvas's own measureText is used when there is one.
 */
export const estimateTextWidth: MeasureText = (text, font) => {
  const em = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 16)
  return Array.from(text).reduce((width, char) => width + (char.codePointAt(0)! >= 0x2e80 ? em : em * 0.55), 0)
}

const ELLIPSIS = '…'

const isWordChar = (char: string | undefined) => char !== undefined && /[A-Za-z0-9]/.test(char)

/**
 * Breaks `text` into at most `maxLines` lines no wider than `maxWidth`; what does not fit ends in an
 * ellipsis. Chinese breaks between any two characters; a Latin word moves to the next line whole
 * unless it is longer than a line.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, font: string, measure: MeasureText): string[] {
  const lines: string[] = []
  let line: string[] = []
  for (const char of Array.from(text.trim())) {
    if (line.length === 0 && char.trim() === '') continue
    if (line.length === 0 || measure(line.join('') + char, font) <= maxWidth) {
      line.push(char)
      continue
    }
    if (lines.length === maxLines - 1) return [...lines, ellipsize(line.join(''), maxWidth, font, measure)]
    let wordStart = line.length
    if (isWordChar(char)) while (wordStart > 0 && isWordChar(line[wordStart - 1])) wordStart -= 1
    const carried = wordStart > 0 ? line.slice(wordStart) : []
    lines.push(
      line
        .slice(0, wordStart > 0 ? wordStart : line.length)
        .join('')
        .trimEnd(),
    )
    line = char.trim() === '' ? carried : [...carried, char]
  }
  return line.length === 0 ? lines : [...lines, line.join('')]
}

function ellipsize(line: string, maxWidth: number, font: string, measure: MeasureText): string {
  let kept = Array.from(line.trimEnd())
  while (kept.length > 0 && measure(kept.join('') + ELLIPSIS, font) > maxWidth) kept = kept.slice(0, -1)
  return kept.join('').trimEnd() + ELLIPSIS
}

/** What a poster may add to its title and price. */
export interface PosterLayoutOptions {
  /** A label of the price, such as `3人团 拼团价`, shown above it. */
  tag?: string
  /** How text is measured; an estimate without a canvas. */
  measure?: MeasureText
}

/**
 * The poster from top to bottom: the product photo (square), its title in up to two lines, the
 * price (under its tag when there is one), then a footer with the shop's name and the hint on the
 * left and the QR code on the right.
 */
export function posterLayout(width: number, title: string, price: Fen, options: PosterLayoutOptions = {}): PosterLayout {
  const measure = options.measure ?? estimateTextWidth
  const unit = width / POSTER_WIDTH
  const px = (value: number) => Math.round(value * unit)
  const font = (size: number, weight = 'normal') => `${weight} ${px(size)}px ${FONT_FAMILY}`

  const pad = px(20)
  const photo = { x: pad, y: pad, size: width - 2 * pad }

  const titleFont = font(16, 'bold')
  const titleTop = photo.y + photo.size + px(16)
  const titleLineHeight = px(24)
  const titleLines = wrapText(title, width - 2 * pad, 2, titleFont, measure)
  const titleRuns = titleLines.map((text, index) => ({
    text,
    x: pad,
    y: titleTop + index * titleLineHeight,
    font: titleFont,
    color: COLORS.text,
  }))

  const belowTitle = titleTop + Math.max(1, titleLines.length) * titleLineHeight + px(6)
  const tagFont = font(13)
  const tagText = options.tag ? wrapText(options.tag, width - 2 * pad, 1, tagFont, measure)[0] : undefined
  const tagRun = tagText ? { text: tagText, x: pad, y: belowTitle, font: tagFont, color: COLORS.price } : null
  const priceTop = tagRun ? belowTitle + px(20) : belowTitle
  const priceRun = { text: formatFen(price), x: pad, y: priceTop, font: font(22, 'bold'), color: COLORS.price }

  const dividerTop = priceTop + px(26) + px(14)
  const qrSize = px(96)
  const qr = { x: width - pad - qrSize, y: dividerTop + px(14), size: qrSize }
  const shop = { text: SHOP_NAME, x: pad, y: qr.y + px(24), font: font(16, 'bold'), color: COLORS.text }
  const hint = { text: POSTER_HINT, x: pad, y: shop.y + px(28), font: font(12), color: COLORS.hint }

  return {
    width,
    height: qr.y + qr.size + pad,
    photo,
    title: titleRuns,
    tag: tagRun,
    price: priceRun,
    divider: { x: pad, y: dividerTop, width: width - 2 * pad },
    shop,
    hint,
    qr,
  }
}

/** The part of a 2D canvas context the poster uses; the browser's and the mini program's canvas 2d both have it. */
export interface PosterContext {
  fillStyle: string | CanvasGradient | CanvasPattern
  font: string
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, width: number, height: number): void
  fillText(text: string, x: number, y: number): void
  drawImage(image: CanvasImageSource, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void
}

/** A loaded image and its natural size. */
export interface PosterImage {
  source: CanvasImageSource
  width: number
  height: number
}

/** What is drawn into the layout: the product photo and the QR, as a ready image or as modules to draw. */
export interface PosterArt {
  photo: PosterImage
  qr: { kind: 'image'; image: PosterImage } | { kind: 'modules'; modules: boolean[][] }
}

/** The middle square of an image, as `drawImage` source coordinates: the photo fills its square uncropped at the centre. */
export function centreSquare(width: number, height: number) {
  const side = Math.min(width, height)
  return { sx: (width - side) / 2, sy: (height - side) / 2, side }
}

/**
 * Cell size and top-left of a QR code of `count` modules centred in `box`. Cells are whole canvas
 * pixels at POSTER_SCALE, so neighbouring dark modules meet without hairline gaps.
 */
export function qrGrid(count: number, box: Square) {
  const cell = Math.floor((box.size * POSTER_SCALE) / (count + 2 * QR_QUIET_MODULES)) / POSTER_SCALE
  if (cell <= 0) throw new Error('二维码内容过长，无法绘制')
  const inset = Math.floor(((box.size - cell * count) / 2) * POSTER_SCALE) / POSTER_SCALE
  return { cell, x: box.x + inset, y: box.y + inset }
}

/** Draws the poster; the context is already scaled to CSS pixels. */
export function drawPoster(ctx: PosterContext, layout: PosterLayout, art: PosterArt): void {
  ctx.fillStyle = COLORS.paper
  ctx.fillRect(0, 0, layout.width, layout.height)

  const { photo } = layout
  ctx.fillStyle = COLORS.photoBackdrop
  ctx.fillRect(photo.x, photo.y, photo.size, photo.size)
  const crop = centreSquare(art.photo.width, art.photo.height)
  ctx.drawImage(art.photo.source, crop.sx, crop.sy, crop.side, crop.side, photo.x, photo.y, photo.size, photo.size)

  ctx.textBaseline = 'top'
  for (const run of [...layout.title, ...(layout.tag ? [layout.tag] : []), layout.price, layout.shop, layout.hint]) {
    ctx.font = run.font
    ctx.fillStyle = run.color
    ctx.fillText(run.text, run.x, run.y)
  }

  ctx.fillStyle = COLORS.divider
  ctx.fillRect(layout.divider.x, layout.divider.y, layout.divider.width, 1)

  const { qr } = layout
  if (art.qr.kind === 'image') {
    const { image } = art.qr
    ctx.drawImage(image.source, 0, 0, image.width, image.height, qr.x, qr.y, qr.size, qr.size)
    return
  }
  ctx.fillStyle = COLORS.qrLight
  ctx.fillRect(qr.x, qr.y, qr.size, qr.size)
  const modules = art.qr.modules
  const grid = qrGrid(modules.length, qr)
  ctx.fillStyle = COLORS.qrDark
  for (const [rowIndex, row] of modules.entries()) {
    for (const [column, dark] of row.entries()) {
      if (dark) ctx.fillRect(grid.x + column * grid.cell, grid.y + rowIndex * grid.cell, grid.cell, grid.cell)
    }
  }
}
