import { Image, Text, View } from '@tarojs/components'
import { withPrivacyGuide } from '../../services/privacy.gate'
import Taro from '@tarojs/taro'
import type { useImageUploads } from '../../hooks/useImageUploads'
import './index.scss'

interface ImageUploaderProps {
  uploads: ReturnType<typeof useImageUploads>
  /** How many images may be picked in all. */
  max: number
}

/** Picked images with their upload progress, a retry on failure, a remove button each, and an add tile while there is room. */
export function ImageUploader({ uploads, max }: ImageUploaderProps) {
  const room = max - uploads.images.length
  const pick = async () => {
    if (room <= 0) return
    let paths: string[] | undefined
    try {
      paths = (await withPrivacyGuide(() => Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })))
        ?.tempFilePaths
    } catch {
      return // The member closed the picker.
    }
    if (paths) uploads.add(paths.slice(0, room))
  }
  return (
    <View className='image-uploader'>
      {uploads.images.map((image, index) => (
        <View key={image.key} className={`image-uploader__image image-uploader__image--${image.status}`}>
          <Image className='image-uploader__picture' src={image.path} mode='aspectFill' />
          {image.status === 'uploading' && <Text className='image-uploader__mask'>{image.progress}%</Text>}
          {image.status === 'failed' && (
            <Text className='image-uploader__mask' onClick={() => uploads.retry(image)}>
              上传失败{'\n'}点击重试
            </Text>
          )}
          <View
            className='image-uploader__remove'
            role='button'
            aria-label={`删除第 ${index + 1} 张图片`}
            onClick={() => uploads.remove(image.key)}
          >
            ×
          </View>
        </View>
      ))}
      {room > 0 && (
        <View className='image-uploader__add' role='button' aria-label='添加图片' onClick={pick}>
          <Text className='image-uploader__plus'>+</Text>
          <Text className='image-uploader__count'>
            {uploads.images.length}/{max}
          </Text>
        </View>
      )}
    </View>
  )
}
