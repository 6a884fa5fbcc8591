import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { api } from '../../../services/api'
import { callError, isNotFound } from '../../../services/errors'
import { mediaUrl } from '../../../services/media'
import { recordProductFromPost } from '../../../services/touch'
import { useSession } from '../../../stores/session'
import { PAGES, productPath, readParam } from '../../../utils/routes'
import { ProductDetailView } from './ProductDetailView'
import './index.scss'

const goHome = () => Taro.switchTab({ url: PAGES.home })

export default function ProductDetailPage() {
  const { params } = useRouter()
  const id = readParam(params.id) ?? ''
  const postId = readParam(params.postId)
  // Member prices depend on who is asking, so a sign-in reloads the product.
  const token = useSession((session) => session.token)
  const product = useRemote(
    () => (id ? api.catalog.product({ id }) : Promise.reject(callError('PRODUCT_NOT_FOUND', '没有找到这件商品'))),
    [id, token]
  )

  // Once per opening of the page: a page instance mounts once, however often it re-renders or reloads.
  useEffect(() => {
    if (id && postId) recordProductFromPost(id, postId)
  }, [])

  useShareAppMessage(() => {
    const shareCode = useSession.getState().member?.shareCode
    const loaded = product.status === 'ready' ? product.data : null
    return {
      title: loaded ? loaded.title : '私域好物',
      path: productPath(id, { sc: shareCode }),
      imageUrl: loaded ? mediaUrl(loaded.cover) : undefined
    }
  })

  if (product.status === 'loading') return <StateView kind='loading' />
  if (product.status === 'error') {
    return isNotFound(product) ? (
      <StateView kind='empty' title='商品不存在或已下架' description='去首页看看别的好物吧' action={{ text: '回到首页', onClick: goHome }} />
    ) : (
      <StateView kind='error' message={product.message} onRetry={product.reload} />
    )
  }

  return (
    <View className='product-page'>
      <ProductDetailView product={product.data} />
      <View className='product-page__bar'>
        {process.env.TARO_ENV === 'weapp' && (
          <Button className='product-page__share' fill='none' openType='share'>
            分享
          </Button>
        )}
        <View className='product-page__buy'>
          <Button type='primary' disabled block>
            下单功能即将上线
          </Button>
          <Text className='product-page__buy-note'>购物车、结算与支付将在下一版本开放</Text>
        </View>
      </View>
    </View>
  )
}
