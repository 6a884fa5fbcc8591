import { describe, expect, it } from 'vitest'
import { qrMatrix } from '../../src/utils/qr'
import { parseScene, parseTeamScene } from '../../src/utils/routes'

describe("the scene of a distributor's mini program code", () => {
  it('names the share code and the product: <code>_<productId>', () => {
    expect(parseScene('ZAJGQTKH_p01')).toEqual({ sc: 'ZAJGQTKH', productId: 'p01' })
  })

  it('is read after URL-decoding, the way the page receives it', () => {
    expect(parseScene('ZAJGQTKH%5Fp01')).toEqual({ sc: 'ZAJGQTKH', productId: 'p01' })
  })

  it('splits at the first underscore: product ids may hold underscores and dashes, share codes may not', () => {
    expect(parseScene('ZAJGQTKH_p_01-b')).toEqual({ sc: 'ZAJGQTKH', productId: 'p_01-b' })
  })

  it('accepts share codes of 4 to 16 characters', () => {
    expect(parseScene('ABCD_p1')).toEqual({ sc: 'ABCD', productId: 'p1' })
    expect(parseScene('ABCDEFGHJKLMNPQR_p1')).toEqual({ sc: 'ABCDEFGHJKLMNPQR', productId: 'p1' })
    expect(parseScene('ABC_p1')).toBeNull()
    expect(parseScene('ABCDEFGHJKLMNPQRS_p1')).toBeNull()
  })

  it('holds at most 32 characters, as a mini program code scene does', () => {
    const longest = `ZAJGQTKH_${'p'.repeat(23)}`
    expect(longest).toHaveLength(32)
    expect(parseScene(longest)).toEqual({ sc: 'ZAJGQTKH', productId: 'p'.repeat(23) })
    expect(parseScene(`${longest}p`)).toBeNull()
  })

  it('refuses characters a share code or a product id never has', () => {
    for (const scene of [
      'zajgqtkh_p01',
      'ZAJ0QTKH_p01',
      'ZAJ1QTKH_p01',
      'ZAJGQTKH_p 01',
      'ZAJGQTKH_p01?x=1',
      'ZAJGQTKH_商品',
      'ZAJG-QTKH_p01',
      'ZAJGQTKH_p01%0A',
    ]) {
      expect(parseScene(scene), scene).toBeNull()
    }
  })

  it('refuses scenes with a part missing, and no scene at all', () => {
    for (const scene of [undefined, '', 'ZAJGQTKH', 'ZAJGQTKH_', '_p01', '__']) {
      expect(parseScene(scene), String(scene)).toBeNull()
    }
  })

  it('refuses a scene whose URL-encoding is broken instead of throwing', () => {
    expect(parseScene('ZAJGQTKH_%E0%A4%A')).toBeNull()
  })
})

describe("the scene of a team invite poster's mini program code", () => {
  it('is the team id alone, read after URL-decoding', () => {
    expect(parseTeamScene('t3f9a0c1d2e3f4a5b6c7d8e9')).toBe('t3f9a0c1d2e3f4a5b6c7d8e9')
    expect(parseTeamScene('team%2D1')).toBe('team-1')
  })

  it("holds at most 32 characters of an id's letters, digits, underscores and dashes", () => {
    expect(parseTeamScene('t'.repeat(32))).toBe('t'.repeat(32))
    expect(parseTeamScene('t'.repeat(33))).toBeNull()
    for (const scene of [undefined, '', 'team 1', 'team-1?x=1', '团1', 'team%0A1', 't_%E0%A4%A']) {
      expect(parseTeamScene(scene), String(scene)).toBeNull()
    }
  })
})

const FORMAT_MASK = 0b101010000010010
const LEVEL_OF_BITS = ['M', 'L', 'H', 'Q']
const MASKS: ((row: number, column: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
]

/**
 * A reader of version 1 codes written from the QR standard (ISO/IEC 18004), independent of the
 * encoder: the format information around the top-left finder, then the data bits in the zigzag
 * order, unmasked, read as one byte-mode segment (version 1 at level M is one block of 16 data bytes).
 */
function readVersion1(modules: boolean[][]) {
  const bit = (row: number, column: number): number => (modules[row][column] ? 1 : 0)
  const size = modules.length
  const topLeft = [0, 1, 2, 3, 4, 5, 7, 8].map((row) => bit(row, 8)).concat([7, 5, 4, 3, 2, 1, 0].map((column) => bit(8, column)))
  const otherCopy = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => bit(8, size - 1 - i)).concat([0, 1, 2, 3, 4, 5, 6].map((i) => bit(size - 7 + i, 8)))
  const format = topLeft.reduce((value, b, i) => value | (b << i), 0) ^ FORMAT_MASK
  const level = LEVEL_OF_BITS[format >> 13]
  const mask = MASKS[(format >> 10) & 7]

  const isFunction = (r: number, c: number) =>
    (r <= 8 && c <= 8) || (r <= 8 && c >= size - 8) || (r >= size - 8 && c <= 8) || r === 6 || c === 6
  const bits: number[] = []
  let upward = true
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5
    for (let step = 0; step < size; step += 1) {
      const row = upward ? size - 1 - step : step
      for (const column of [right, right - 1]) {
        if (!isFunction(row, column)) bits.push(bit(row, column) ^ (mask(row, column) ? 1 : 0))
      }
    }
    upward = !upward
  }
  const read = (from: number, count: number) => bits.slice(from, from + count).reduce((value, b) => (value << 1) | b, 0)
  const mode = read(0, 4)
  const length = read(4, 8)
  const bytes = Array.from({ length }, (_, i) => read(12 + 8 * i, 8))
  return { level, formatCopiesAgree: topLeft.join('') === otherCopy.join(''), mode, text: new TextDecoder().decode(new Uint8Array(bytes)) }
}

/** The 7×7 finder pattern: a dark ring, a light ring, a dark 3×3 centre. */
function isFinderAt(modules: boolean[][], top: number, left: number): boolean {
  for (let r = 0; r < 7; r += 1) {
    for (let c = 0; c < 7; c += 1) {
      const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3))
      if (modules[top + r][left + c] !== (ring !== 2)) return false
    }
  }
  return true
}

describe('QR matrix', () => {
  it('puts a short text in a version 1 code (21 modules) that reads back as the text, at level M', () => {
    const matrix = qrMatrix('SIYU-ZAJGQTKH')
    expect(matrix).toMatchObject({ version: 1, size: 21 })
    expect(matrix.modules).toHaveLength(21)
    expect(matrix.modules.every((row) => row.length === 21)).toBe(true)
    expect(readVersion1(matrix.modules)).toEqual({ level: 'M', formatCopiesAgree: true, mode: 0b0100, text: 'SIYU-ZAJGQTKH' })
  })

  it('encodes text as UTF-8, so Chinese reads back intact', () => {
    const matrix = qrMatrix('山野茶集')
    expect(matrix.version).toBe(1)
    expect(readVersion1(matrix.modules).text).toBe('山野茶集')
  })

  it('uses the error correction level asked for', () => {
    expect(readVersion1(qrMatrix('SIYU', 'H').modules).level).toBe('H')
  })

  it('grows to the smallest version that holds a product link of the browser build', () => {
    const link = 'http://127.0.0.1:5173/#/packages/product/detail/index?id=p01&sc=ZAJGQTKH'
    // 72 bytes: more than version 4 holds at level M (62), within version 5 (84); level L fits version 4 (78).
    expect(qrMatrix(link)).toMatchObject({ version: 5, size: 37 })
    expect(qrMatrix(link, 'L')).toMatchObject({ version: 4, size: 33 })
    const { modules } = qrMatrix(link)
    expect(isFinderAt(modules, 0, 0)).toBe(true)
    expect(isFinderAt(modules, 0, 30)).toBe(true)
    expect(isFinderAt(modules, 30, 0)).toBe(true)
    expect(isFinderAt(modules, 30, 30)).toBe(false)
    // Timing pattern: row 6 alternates dark and light between the finders.
    expect(modules[6].slice(8, 29)).toEqual(Array.from({ length: 21 }, (_, i) => i % 2 === 0))
  })

  it('is deterministic: the same text always gives the same modules, another text other modules', () => {
    const link = 'http://127.0.0.1:5173/#/packages/product/detail/index?id=p01&sc=ZAJGQTKH'
    expect(qrMatrix(link)).toEqual(qrMatrix(link))
    expect(qrMatrix(link).modules).not.toEqual(qrMatrix(link.replace('p01', 'p02')).modules)
  })
})
