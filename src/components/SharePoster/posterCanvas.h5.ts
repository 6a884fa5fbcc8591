import type { PosterImage } from './poster'
import { SHOP_NAME } from './poster'
import type { PosterCanvas } from './posterCanvas'

/** Media is served by the same host, and `crossOrigin` keeps a CDN image from tainting the canvas so it can still be saved. */
export function loadPosterImage(_canvas: PosterCanvas, url: string): Promise<PosterImage> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.crossOrigin = 'anonymous'
    image.onload = () => resolve({ source: image, width: image.naturalWidth, height: image.naturalHeight })
    image.onerror = () => reject(new Error(`图片加载失败：${url}`))
    image.src = url
  })
}

/** A browser has no photo album to write to: the poster is downloaded as a PNG instead. */
export async function savePoster(canvas: PosterCanvas): Promise<string | null> {
  const link = document.createElement('a')
  link.href = canvas.toDataURL('image/png')
  link.download = `${SHOP_NAME}-分享海报.png`
  link.click()
  return '海报已下载'
}

/** The browser build routes by hash, so a page is `<this app's address>#<page path>`. */
export function pageLink(path: string): string {
  return `${location.origin}${location.pathname}#${path}`
}
