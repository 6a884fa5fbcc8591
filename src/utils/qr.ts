import qrcode from 'qrcode-generator'

// The library keeps only the low byte of each character by default; its README says to swap in UTF-8.
qrcode.stringToBytes = qrcode.stringToBytesFuncs['UTF-8']

/** How much of the code may be damaged and still scan: about 7%, 15%, 25% or 30%. */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H'

export interface QrMatrix {
  /** 1–40; the smallest version that holds the text. */
  version: number
  /** Modules per side: 17 + 4 × version. */
  size: number
  /** `modules[row][column]` is true for a dark module. */
  modules: boolean[][]
}

/** The modules of a QR code for `text` (byte mode, UTF-8), for drawing on any canvas. */
export function qrMatrix(text: string, errorCorrection: QrErrorCorrection = 'M'): QrMatrix {
  const code = qrcode(0, errorCorrection)
  code.addData(text, 'Byte')
  code.make()
  const size = code.getModuleCount()
  const modules = Array.from({ length: size }, (_, row) => Array.from({ length: size }, (__, column) => code.isDark(row, column)))
  return { version: (size - 17) / 4, size, modules }
}
