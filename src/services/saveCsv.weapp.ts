import Taro from '@tarojs/taro'

/** The file written to the user data folder, then sent to a chat of the staff member's choosing. */
export const saveCsv = async (file: { filename: string; csv: string }): Promise<void> => {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename}`
  Taro.getFileSystemManager().writeFileSync(filePath, file.csv, 'utf8')
  await Taro.shareFileMessage({ filePath, fileName: file.filename })
}
