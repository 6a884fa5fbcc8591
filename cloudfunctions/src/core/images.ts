/** The largest image anyone may upload. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024

/** The images the shop takes, told apart by their first bytes (never by a name or a declared type). */
export const IMAGE_KINDS: { type: string; ext: string; matches: (bytes: Uint8Array) => boolean }[] = [
  { type: 'image/jpeg', ext: 'jpg', matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    ext: 'png',
    matches: (b) => b.length > 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => b[i] === byte),
  },
  {
    type: 'image/webp',
    ext: 'webp',
    matches: (b) => b.length > 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  },
]

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to))
}

/** What is wrong with a stored image, or null: found, within the size, and an image by its content. */
export function imageProblem(bytes: Uint8Array | null): string | null {
  if (bytes === null) return '找不到，请重新上传'
  if (bytes.length > MAX_IMAGE_BYTES) return '超过 2 MB，请换一张小一些的'
  if (!IMAGE_KINDS.some((kind) => kind.matches(bytes))) return '不是 JPEG、PNG 或 WebP 图片'
  return null
}
