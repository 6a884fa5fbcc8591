/** A download of the file, named as the server named it. */
export const saveCsv = async (file: { filename: string; csv: string }): Promise<void> => {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }))
  link.download = file.filename
  link.click()
  URL.revokeObjectURL(link.href)
}
