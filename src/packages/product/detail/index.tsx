import { useEffect } from 'react'
import { PrivacyNotice } from '../../../components/PrivacyNotice'
import Taro, { useRouter } from '@tarojs/taro'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { useShareCards } from '../../../hooks/useShareCards'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { api } from '../../../services/api'
import { loadCart } from '../../../services/cart'
import { callError, isNotFound } from '../../../services/errors'
import { mediaUrl } from '../../../services/media'
import { recordProductFromPost } from '../../../services/touch'
import { useCart } from '../../../stores/cart'
import { useSession } from '../../../stores/session'
import { PAGES, parseScene, productPath, queryString, readParam } from '../../../utils/routes'
import { ProductDetailView } from './ProductDetailView'
import { useApprovedDistributor } from './useApprovedDistributor'
import './index.scss'

const goHome = () => Taro.switchTab({ url: PAGES.home })

export default function ProductDetailPage() {
  const { params } = useRouter()
  // A distributor's mini program code names the product in its scene rather than in `id`.
  const id = readParam(params.id) ?? parseScene(params.scene)?.productId ?? ''
  const postId = readParam(params.postId)
  // Member prices depend on who is asking, so a sign-in reloads the product.
  const token = useSession((session) => session.token)
  const product = useRemote(
    () => (id ? api.catalog.product({ id }) : Promise.reject(callError('PRODUCT_NOT_FOUND', '没有找到这件商品'))),
    [id, token],
  )

  // Once per opening of the page: a page instance mounts once, however often it re-renders or reloads.
  useEffect(() => {
    if (id && postId) recordProductFromPost(id, postId)
  }, [])

  // The cart count on the purchase bar; a product opened from a shared card may be the first page seen.
  const signedIn = useSignedIn()
  useEffect(() => {
    if (signedIn && useCart.getState().cart === null) {
      loadCart().catch(() => {
        // Only the count on the bar is missing; adding to the cart still works and loads it.
      })
    }
  }, [signedIn, token])

  const canMakePoster = useApprovedDistributor()

  // Every member's card carries their share code: an approved distributor's earns attribution, anyone else's only counts the channel.
  // A Moments share carries the same code in the query it reopens this page with.
  useShareCards(
    () => {
      const loaded = product.status === 'ready' ? product.data : null
      return { title: loaded ? loaded.title : '私域好物', imageUrl: loaded ? mediaUrl(loaded.cover) : undefined }
    },
    { path: (sc) => productPath(id, { sc }), query: (sc) => queryString({ id, sc }) },
  )

  if (product.status === 'loading') return <StateView kind='loading' />
  if (product.status === 'error') {
    return isNotFound(product) ? (
      <StateView
        kind='empty'
        title='商品不存在或已下架'
        description='去首页看看别的好物吧'
        action={{ text: '回到首页', onClick: goHome }}
      />
    ) : (
      <StateView kind='error' message={product.message} onRetry={product.reload} />
    )
  }

  return (
    <>
      <ProductDetailView product={product.data} canMakePoster={canMakePoster} />
      <PrivacyNotice />
    </>
  )
}
