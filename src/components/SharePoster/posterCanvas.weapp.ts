import Taro from '@tarojs/taro'
import type { PosterImage } from './poster'
import type { PosterCanvas } from './posterCanvas'

const errMsgOf = (error: unknown) => (typeof error === 'object' && error !== null && 'errMsg' in error ? String(error.errMsg) : '')

/** A canvas 2d only draws images it made itself. */
export function loadPosterImage(canvas: PosterCanvas, url: string): Promise<PosterImage> {
  return new Promise((resolve, reject) => {
    const image = (canvas as unknown as Taro.Canvas).createImage()
    image.onload = () => resolve({ source: image as unknown as CanvasImageSource, width: image.width, height: image.height })
    image.onerror = () => reject(new Error(`图片加载失败：${url}`))
    image.src = url
  })
}

/** Writes the poster to the photo album; a member who refused the album permission is offered the settings. */
export async function savePoster(canvas: PosterCanvas): Promise<string | null> {
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'png' })
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    return '已保存到相册'
  } catch (error) {
    const reason = errMsgOf(error)
    if (/cancel/.test(reason)) return null
    if (!/auth|privacy/.test(reason)) throw error
    const { confirm } = await Taro.showModal({
      title: '需要相册权限',
      content: '允许保存到相册后，才能把海报存到手机里',
      confirmText: '去设置',
      cancelText: '暂不',
    })
    if (confirm) await Taro.openSetting()
    return null
  }
}

/** The mini program's own share QR is the mini program code the server makes; a page path has no web address here. */
export function pageLink(): null {
  return null
}
