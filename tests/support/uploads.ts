import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'

/** The uploaded image the product drafts name: the editor checks every new image by its content. */
export const UPLOADED_JPEG = '/media/uploads/0123456789abcdef.jpg'

/**
 * A temporary uploads folder for the suite, holding UPLOADED_JPEG as a real JPEG header; answers the
 * folder's path once the suite has started.
 */
export function uploadsFolder(): () => string {
  let folder = ''
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-uploads-'))
    fs.writeFileSync(
      path.join(folder, path.basename(UPLOADED_JPEG)),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    )
  })
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))
  return () => folder
}
