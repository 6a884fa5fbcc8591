import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { describeError } from '../services/errors'
import { uploadImage } from '../services/upload'

export interface PickedImage {
  key: string
  /** The picked file on this device, shown while and after it uploads. */
  path: string
  status: 'uploading' | 'done' | 'failed'
  /** 0–100 while uploading. */
  progress: number
  /** What the post refers to once uploaded. */
  ref: string | null
}

/**
 * Picked images, each uploaded as soon as it is picked, with its progress; a failed one can be retried
 * or removed. `existing` are images already stored (their references), shown as uploaded.
 */
export function useImageUploads(existing: readonly { ref: string; path: string }[] = []) {
  const [images, setImages] = useState<PickedImage[]>(() =>
    existing.map((image, i) => ({ key: `existing-${i}`, path: image.path, status: 'done', progress: 100, ref: image.ref })),
  )
  const nextKey = useRef(0)

  const update = useCallback((key: string, patch: Partial<PickedImage>) => {
    // An image removed while uploading stays removed when its upload ends.
    setImages((current) => current.map((image) => (image.key === key ? { ...image, ...patch } : image)))
  }, [])

  const upload = useCallback(
    (key: string, path: string) => {
      update(key, { status: 'uploading', progress: 0 })
      uploadImage(path, (progress) => update(key, { progress: Math.min(99, progress) }))
        .then((ref) => update(key, { status: 'done', progress: 100, ref }))
        .catch((error: unknown) => {
          update(key, { status: 'failed' })
          void Taro.showToast({ title: describeError(error), icon: 'none', duration: 2500 })
        })
    },
    [update],
  )

  const add = useCallback(
    (paths: readonly string[]) => {
      const picked = paths.map((path): PickedImage => {
        nextKey.current += 1
        return { key: `image-${nextKey.current}`, path, status: 'uploading', progress: 0, ref: null }
      })
      setImages((current) => [...current, ...picked])
      for (const image of picked) upload(image.key, image.path)
    },
    [upload],
  )

  const retry = useCallback((image: PickedImage) => upload(image.key, image.path), [upload])
  const remove = useCallback((key: string) => setImages((current) => current.filter((image) => image.key !== key)), [])
  const clear = useCallback(() => setImages([]), [])

  return { images, add, retry, remove, clear }
}
