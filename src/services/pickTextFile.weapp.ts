import Taro from '@tarojs/taro'
import type { PickedText } from './pickTextFile'

/** A file sent in a WeChat chat (the way a sheet reaches a phone), read as UTF-8. */
export const pickTextFile = async (): Promise<PickedText | null> => {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] })
  } catch {
    return null // Closed without choosing.
  }
  const file = picked.tempFiles[0]
  if (!file) return null
  const text = Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string
  return { name: file.name, text: text.replace(/^\uFEFF/, '') }
}
