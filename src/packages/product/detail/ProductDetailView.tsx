import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button, Swiper } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { ProductDetail } from '../../../../types/api'
import { Price, QuantityStepper } from '../../../components'
// By path, not from the components index: only the subpackages that draw posters carry it and its QR encoder.
import { SharePoster } from '../../../components/SharePoster'
import { distributionApi } from '../../../services/distribution'
import { mediaUrl } from '../../../services/media'
import { MAX_UNITS_PER_LINE } from '../../../stores/cart'
import { chooseSpec, findSku, initialSelection } from '../../../utils/sku'
import { PAGES } from '../../../utils/routes'
import { askToSignIn } from '../../../utils/signIn'
import { stockLabel } from '../../../utils/stock'
import { tierLabel } from '../../../utils/tier'
import { PurchaseBar } from './PurchaseBar'
import { SkuPicker } from './SkuPicker'
import { TeamSection } from './TeamSection'

interface ProductDetailViewProps {
  product: ProductDetail
  /** Approved distributors may make a share poster of the product. */
  canMakePoster?: boolean
}

/** Everything the product page shows once the product has loaded; the chosen SKU drives price, stock and what is bought. */
export function ProductDetailView({ product, canMakePoster = false }: ProductDetailViewProps) {
  const [selection, setSelection] = useState(() => initialSelection(product))
  const [wanted, setWanted] = useState(1)
  const [posterOpen, setPosterOpen] = useState(false)
  const sku = findSku(product, selection)
  // A per-order limit caps the stepper too; the per-member one is the server's to check against what was bought.
  const maxQuantity = Math.max(1, Math.min(MAX_UNITS_PER_LINE, sku?.stock ?? 1, product.limits?.perOrder ?? MAX_UNITS_PER_LINE))
  // Another SKU may have less stock than the quantity chosen before.
  const quantity = Math.min(wanted, maxQuantity)
  const images = product.images.length > 0 ? product.images : [product.cover]

  return (
    <View className='product-detail'>
      {/* Square gallery: as tall as the screen is wide. */}
      <Swiper className='product-detail__gallery' height='100vw' defaultValue={0} indicator={images.length > 1} loop={false}>
        {images.map((image) => (
          <Swiper.Item key={image}>
            <Image className='product-detail__image' src={mediaUrl(image)} mode='aspectFill' />
          </Swiper.Item>
        ))}
      </Swiper>

      <View className='product-detail__summary'>
        <View className='product-detail__price-row'>
          <Price
            price={sku ? sku.price : product.price}
            memberPrice={sku ? sku.memberPrice : product.memberPrice}
            tier={product.viewerTier}
            size='large'
          />
          {canMakePoster && (
            <Button className='product-detail__poster' size='small' fill='outline' type='primary' onClick={() => setPosterOpen(true)}>
              生成海报
            </Button>
          )}
        </View>
        {product.memberOffer && <MemberOfferHint offer={product.memberOffer} signedIn={product.viewerTier !== null} />}
        <Text className='product-detail__title'>{product.title}</Text>
        {product.subtitle && <Text className='product-detail__subtitle'>{product.subtitle}</Text>}
        <View className='product-detail__facts'>
          <Text className={`product-detail__stock product-detail__stock--${sku?.stockState ?? product.stockState}`}>
            {sku ? stockLabel(sku.stockState, sku.stock) : stockLabel(product.stockState)}
          </Text>
          <Text className='product-detail__sales'>已售 {product.sales}</Text>
        </View>
        {limitWords(product.limits) && <Text className='product-detail__limits'>{limitWords(product.limits)}</Text>}
        {product.tags.length > 0 && (
          <View className='product-detail__tags'>
            {product.tags.map((tag) => (
              <Text key={tag} className='product-detail__tag'>
                {tag}
              </Text>
            ))}
          </View>
        )}
      </View>

      <TeamSection productId={product.id} skuId={sku?.id} />

      <View className='product-detail__card'>
        {product.specOptions.length > 0 && (
          <>
            <Text className='product-detail__card-title'>选择规格</Text>
            <SkuPicker
              product={product}
              selection={selection}
              onChoose={(name, value) => setSelection((current) => chooseSpec(product, current, name, value))}
            />
          </>
        )}
        <View className='product-detail__quantity'>
          <Text className='product-detail__quantity-label'>购买数量</Text>
          <QuantityStepper
            value={quantity}
            max={maxQuantity}
            disabled={!sku || sku.stockState === 'soldOut'}
            onChange={setWanted}
            onLimit={() =>
              Taro.showToast({
                title:
                  product.limits?.perOrder && quantity >= product.limits.perOrder
                    ? `每单限购 ${product.limits.perOrder} 件`
                    : quantity >= MAX_UNITS_PER_LINE
                      ? `每件商品最多买 ${MAX_UNITS_PER_LINE} 件`
                      : `库存仅剩 ${sku?.stock ?? 0} 件`,
                icon: 'none',
              })
            }
          />
        </View>
      </View>

      <View className='product-detail__card'>
        <Text className='product-detail__card-title'>商品详情</Text>
        {product.detail
          .split('\n')
          .filter((paragraph) => paragraph.trim() !== '')
          .map((paragraph, index) => (
            <Text key={index} className='product-detail__paragraph'>
              {paragraph}
            </Text>
          ))}
      </View>

      <PurchaseBar sku={sku} quantity={quantity} />
      {posterOpen && (
        // 分享海报: the distributor's poster of the product, its QR carrying their share code.
        <SharePoster load={() => distributionApi.share({ productId: product.id })} onClose={() => setPosterOpen(false)} />
      )}
    </View>
  )
}

/** 9.8 折 from 98 (%). */
const discountLabel = (pct: number) => `${String(pct / 10).replace(/\.0$/, '')} 折`

/** What member prices bring: a visitor is asked to sign in, a member is shown the next tier that pays less. */
/** A product's purchase limits in the buyer's words, e.g. 新人专享 · 每人限购 1 件; null when there are none. */
export function limitWords(limits: ProductDetail['limits']): string | null {
  if (!limits) return null
  const words = [
    limits.newMembersOnly ? '新人专享' : null,
    limits.perMember ? `每人限购 ${limits.perMember} 件` : null,
    limits.perOrder && limits.perOrder !== limits.perMember ? `每单限购 ${limits.perOrder} 件` : null,
  ].filter((w): w is string => w !== null)
  return words.length > 0 ? words.join(' · ') : null
}

function MemberOfferHint({ offer, signedIn }: { offer: NonNullable<ProductDetail['memberOffer']>; signedIn: boolean }) {
  const text = signedIn
    ? `升级到 ${tierLabel(offer.tier)} 享 ${discountLabel(offer.memberPricePct)}会员价 ›`
    : `${tierLabel(offer.tier)} 及以上会员享 ${discountLabel(offer.memberPricePct)}起，登录查看会员价 ›`
  const open = () => (signedIn ? void Taro.navigateTo({ url: PAGES.memberCenter }) : void askToSignIn('登录后按你的会员等级显示会员价'))
  return (
    <Text className='product-detail__member-offer' onClick={open}>
      {text}
    </Text>
  )
}
