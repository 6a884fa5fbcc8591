import { useSession } from '../stores/session'
import { callError, isCallError, networkError, unwrapAnswer } from './errors'
import type { UploadImage } from './upload'

/**
 * The browser build sends the picked file's bytes to the local host, which keeps it under its
 * content hash. XMLHttpRequest rather than fetch: only it reports upload progress.
 */
export const uploadImage: UploadImage = async (path, onProgress) => {
  let image: Blob
  try {
    image = await (await fetch(path)).blob()
  } catch {
    throw callError('INVALID_PAYLOAD', '读取图片失败，请重新选择')
  }
  const token = useSession.getState().token
  const answer = await new Promise<unknown>((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', '/dev/upload')
    request.setRequestHeader('Content-Type', image.type || 'application/octet-stream')
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`)
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(Math.round((event.loaded / event.total) * 100))
    }
    request.onload = () => {
      try {
        resolve(JSON.parse(request.responseText))
      } catch {
        reject(callError('INTERNAL', '服务返回了无法识别的结果'))
      }
    }
    request.onerror = () => reject(networkError())
    request.send(image)
  })
  try {
    return unwrapAnswer<{ url: string }>(answer).url
  } catch (error) {
    // Like every other call: a session the host forgot is dropped, so the member is asked to sign in again.
    if (token && isCallError(error) && error.code === 'UNAUTHENTICATED') useSession.getState().signOut()
    throw error
  }
}
