import { imageProblem } from '../core/images'
import type { Store } from '../store/port'
import type { StoredImages } from '../wechat/ports'
import { AppError } from './errors'

/** An uploaded image (a cloud file id, or the local host's upload folder), as opposed to the shop's bundled ones. */
const isUpload = (ref: string) => ref.startsWith('cloud://') || ref.startsWith('/media/uploads/')

/**
 * Reads back every image a product edit brings that the product did not have and refuses the edit
 * when one is missing, over 2 MB, or not a JPEG, PNG or WebP by its content. Before anything is
 * written: a product never shows a picture the server has not looked at. Images the product already
 * had were checked when they came.
 */
export async function checkNewImages(
  store: Store,
  images: StoredImages,
  productId: string | undefined,
  refs: readonly string[],
): Promise<void> {
  const had = new Set(productId ? ((await store.findProduct(productId))?.images ?? []) : [])
  const problems: string[] = []
  for (const [i, ref] of refs.entries()) {
    if (had.has(ref) || !isUpload(ref)) continue
    const problem = imageProblem(await images.readImage(ref))
    if (problem) problems.push(`第 ${i + 1} 张图片${problem}`)
  }
  if (problems.length > 0) throw new AppError('INVALID_PAYLOAD', problems.join('；'))
}
