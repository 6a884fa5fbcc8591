import type { FeedPost, Page, PostDetail, ProductCard, ProductDetail, ProductSort } from '../../../types/api'
import type { Category, Member, Post } from '../../../types/domain'
import { excerpt, paging, toProductCard, toProductDetail } from '../core/catalog'
import type { Store } from '../store/port'
import { AppError } from './errors'
import { tierSettings } from './settings'
import { DEFAULT_AVATAR } from './members'
import { recordView } from './post-views'

export interface ProductListRequest {
  categoryId?: string
  sort?: ProductSort
  featured?: boolean
  page?: number
  pageSize?: number
}

function page<T>(items: T[], total: number, p: { page: number; pageSize: number; offset: number }): Page<T> {
  return { items, page: p.page, pageSize: p.pageSize, total, hasMore: p.offset + items.length < total }
}

export async function listCategories(store: Store): Promise<Category[]> {
  return store.listCategories()
}

export async function listProducts(store: Store, viewer: Member | null, req: ProductListRequest, now: number): Promise<Page<ProductCard>> {
  const { settings } = await tierSettings(store, now)
  if (req.categoryId !== undefined) {
    const categories = await store.listCategories()
    if (!categories.some((c) => c.id === req.categoryId)) throw new AppError('CATEGORY_NOT_FOUND', '没有这个商品分类')
  }
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listProducts({
    categoryId: req.categoryId,
    featured: req.featured,
    sort: req.sort ?? 'default',
    offset: p.offset,
    limit: p.pageSize,
  })
  return page(
    items.map((product) => toProductCard(product, viewer?.tier ?? null, settings.benefits)),
    total,
    p,
  )
}

export async function productDetail(store: Store, viewer: Member | null, id: string, now: number): Promise<ProductDetail> {
  const { settings } = await tierSettings(store, now)
  const product = await store.findProduct(id)
  if (product?.status !== 'on') throw new AppError('PRODUCT_NOT_FOUND', '商品不存在或已下架')
  return toProductDetail(product, viewer?.tier ?? null, settings.benefits)
}

/**
 * Feed entries for posts: author (达人 or not) and linked products on sale, priced for the viewer; the likes and
 * favourites counted from their records, and whether the viewer is among them.
 */
export async function toFeedPosts(store: Store, viewer: Member | null, items: readonly Post[], now: number): Promise<FeedPost[]> {
  const ids = items.map((post) => post.id)
  const authorIds = [...new Set(items.map((post) => post.authorId))]
  const [authors, products, { settings }, counts, mine, certified] = await Promise.all([
    store.findMembers(authorIds),
    store.findProducts([...new Set(items.flatMap((post) => post.productIds))]),
    tierSettings(store, now),
    store.postCounts(ids),
    viewer ? store.reactionsOf(viewer.id, ids) : { like: new Set<string>(), favourite: new Set<string>() },
    store.certificationsOf(authorIds),
  ])
  const tier = viewer?.tier ?? null
  return items.map((post): FeedPost => {
    const author = authors.find((a) => a.id === post.authorId)
    return {
      id: post.id,
      title: post.title,
      excerpt: excerpt(post.body),
      cover: post.cover,
      kind: post.kind,
      author: {
        id: post.authorId,
        nickname: author?.nickname ?? '已注销用户',
        avatar: author?.avatar ?? DEFAULT_AVATAR,
        certified: certified.has(post.authorId),
      },
      products: post.productIds
        .map((id) => products.find((product) => product.id === id))
        .filter((product) => product !== undefined && product.status === 'on')
        .map((product) => toProductCard(product!, tier, settings.benefits)),
      likes: counts.get(post.id)?.likes ?? 0,
      favourites: counts.get(post.id)?.favourites ?? 0,
      liked: mine.like.has(post.id),
      favourited: mine.favourite.has(post.id),
      createdAt: post.createdAt,
    }
  })
}

/** One approved post with its full text, its opening counted as a view; pending and rejected posts are not shown. */
export async function postDetail(
  store: Store,
  viewer: Member | null,
  req: { id: string; visitor?: string },
  now: number,
): Promise<PostDetail> {
  const post = await store.findPost(req.id)
  if (post?.status !== 'approved') throw new AppError('NOT_FOUND', '内容不存在或未通过审核')
  const topicIds = post.topicIds ?? []
  // The view is written beside the reads the page needs, so it adds no wait of its own.
  const [[entry], , topics] = await Promise.all([
    toFeedPosts(store, viewer, [post], now),
    recordView(store, viewer, req.visitor, post.id, now),
    topicIds.length > 0 ? store.listTopics().then((all) => all.filter((topic) => topicIds.includes(topic.id))) : [],
  ])
  return {
    ...entry,
    body: post.body,
    images: post.images,
    mine: viewer !== null && viewer.id === post.authorId,
    topics: topics.map((topic) => ({ id: topic.id, name: topic.name })),
  }
}
