import Taro from '@tarojs/taro'
import { useSession } from '../stores/session'
import { callError } from './errors'
import { refreshMember } from './member'
import type { UploadImage } from './upload'

/** The file's SHA-1, so the same picture uploaded twice lands on the same path; a random name when the platform cannot say. */
function contentName(filePath: string): Promise<string> {
  const random = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  return new Promise((resolve) => {
    Taro.getFileSystemManager().getFileInfo({
      filePath,
      digestAlgorithm: 'sha1',
      success: (info) => resolve(info.digest || random()),
      fail: () => resolve(random()),
    })
  })
}

function extensionOf(filePath: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(filePath)?.[1]?.toLowerCase()
  if (ext === 'png' || ext === 'webp') return ext
  return 'jpg'
}

/** The member's own folder of the environment's storage; the server accepts only images from there. */
export const uploadImage: UploadImage = async (path, onProgress) => {
  const memberId = useSession.getState().member?.id ?? (await refreshMember()).id
  const cloudPath = `posts/${memberId}/${await contentName(path)}.${extensionOf(path)}`
  return new Promise<string>((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath: path,
      success: (result) => resolve(result.fileID),
      fail: () => reject(callError('NETWORK', '图片上传失败，请检查网络后重试')),
    })
    task.onProgressUpdate((update) => onProgress?.(update.progress))
  })
}
