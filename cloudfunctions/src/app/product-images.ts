import { imageProblem } from '../core/images'
import type { Store } from '../store/port'
import type { StoredImages } from '../wechat/ports'
import { AppError } from './errors'

/** An uploaded image (a cloud file id, or the local host's upload folder), as opposed to the shop's bundled ones. */
const isUpload = (ref: string) => ref.startsWith('cloud://') || ref.startsWith('/media/uploads/')

/**
 * What is wrong with each uploaded image a product edit brings that the product did not have (`had`):
 * read back, it is missing, over 2 MB, or not a JPEG, PNG or WebP by its content. Images the product
 * already had were checked when they came.
 */
export async function newImageProblems(images: StoredImages, had: readonly string[], refs: readonly string[]): Promise<string[]> {
  const problems: string[] = []
  for (const [i, ref] of refs.entries()) {
    if (had.includes(ref) || !isUpload(ref)) continue
    const problem = imageProblem(await images.readImage(ref))
    if (problem) problems.push(`第 ${i + 1} 张图片${problem}`)
  }
  return problems
}

/** Refuses a product edit whose new images fail `newImageProblems`, before anything is written. */
export async function checkNewImages(
  store: Store,
  images: StoredImages,
  productId: string | undefined,
  refs: readonly string[],
): Promise<void> {
  const had = productId ? ((await store.findProduct(productId))?.images ?? []) : []
  const problems = await newImageProblems(images, had, refs)
  if (problems.length > 0) throw new AppError('INVALID_PAYLOAD', problems.join('；'))
}
