/**
 * The poster's platform parts. Taro resolves `./posterCanvas` per platform: posterCanvas.weapp.ts
 * (canvas images, the photo album) in the mini program, posterCanvas.h5.ts (DOM images, a
 * download) in the browser build.
 */

import type { PosterContext, PosterImage } from './poster'

/** The 2D context of the poster canvas: what drawPoster needs, plus scaling and text measuring. */
export interface PosterCanvasContext extends PosterContext {
  scale(x: number, y: number): void
  measureText(text: string): { width: number }
}

/** The node of `<Canvas type='2d'>` as a selector query hands it over (an HTMLCanvasElement in the browser). */
export interface PosterCanvas {
  width: number
  height: number
  getContext(type: '2d'): PosterCanvasContext | null
  toDataURL(type?: string): string
}

/** Loads an image the poster canvas can draw. */
export declare function loadPosterImage(canvas: PosterCanvas, url: string): Promise<PosterImage>

/** Keeps the drawn poster on the device; resolves with what to tell the member, or null when they cancelled. */
export declare function savePoster(canvas: PosterCanvas): Promise<string | null>

/** The address a phone camera opens for an app page path, or null where the app has no web address. */
export declare function pageLink(path: string): string | null
