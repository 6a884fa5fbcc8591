/** TEST DOUBLES of the canvas pieces a poster is drawn with, shared by the product and team poster tests. */
import type { PosterCanvas, PosterCanvasContext } from '../../src/components/SharePoster/posterCanvas'
import { estimateTextWidth } from '../../src/components/SharePoster/poster'

/** TEST DOUBLE of a canvas 2D context: records every rectangle, text and image drawn, with the style it was drawn in. */
export class RecordingContext implements PosterCanvasContext {
  fillStyle: string | CanvasGradient | CanvasPattern = '#000000'
  font = '10px sans-serif'
  textBaseline: CanvasTextBaseline = 'alphabetic'
  readonly rects: { x: number; y: number; width: number; height: number; color: string }[] = []
  readonly texts: { text: string; x: number; y: number; font: string; color: string; baseline: string }[] = []
  readonly images: { source: unknown; source_: [number, number, number, number]; x: number; y: number; width: number; height: number }[] =
    []
  readonly scales: [number, number][] = []

  fillRect(x: number, y: number, width: number, height: number) {
    this.rects.push({ x, y, width, height, color: String(this.fillStyle) })
  }
  fillText(text: string, x: number, y: number) {
    this.texts.push({ text, x, y, font: this.font, color: String(this.fillStyle), baseline: this.textBaseline })
  }
  drawImage(
    source: CanvasImageSource,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    x: number,
    y: number,
    width: number,
    height: number,
  ) {
    this.images.push({ source, source_: [sx, sy, sw, sh], x, y, width, height })
  }
  scale(x: number, y: number) {
    this.scales.push([x, y])
  }
  measureText(text: string) {
    return { width: estimateTextWidth(text, this.font) }
  }
}

/** TEST DOUBLE of the canvas node a selector query hands over. */
export class FakeCanvas implements PosterCanvas {
  width = 300
  height = 150
  readonly ctx = new RecordingContext()
  readonly exports: string[] = []
  getContext() {
    return this.ctx
  }
  toDataURL(type = 'image/png') {
    this.exports.push(type)
    return `data:${type};base64,UE9TVEVS`
  }
}

/** TEST DOUBLE of the browser's Image: "loads" on the next tick with a fixed natural size, or fails for listed URLs. */
export const images = { loaded: [] as string[], failing: new Set<string>() }
export class FakeImage {
  crossOrigin: string | null = null
  naturalWidth = 800
  naturalHeight = 600
  onload: () => void = () => {}
  onerror: () => void = () => {}
  private url = ''
  get src() {
    return this.url
  }
  set src(url: string) {
    this.url = url
    images.loaded.push(url)
    setTimeout(() => (images.failing.has(url) ? this.onerror() : this.onload()), 0)
  }
}
