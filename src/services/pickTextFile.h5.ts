import type { PickedText } from './pickTextFile'

const withoutBom = (text: string) => text.replace(/^\uFEFF/, '')

/** The browser's file chooser; a file read as UTF-8. */
export const pickTextFile = (): Promise<PickedText | null> =>
  new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,.txt,text/csv,text/plain'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      if (!file) return resolve(null)
      file.text().then((text) => resolve({ name: file.name, text: withoutBom(text) }), reject)
    })
    input.addEventListener('cancel', () => resolve(null))
    input.click()
  })
