import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { ProductInput } from '../../../../types/api'
import type { Category, Product } from '../../../../types/domain'
import { ImageUploader, TextField, TickBox } from '../../../components'
import { useImageUploads } from '../../../hooks/useImageUploads'
import { useRemote } from '../../../hooks/useRemote'
import { api } from '../../../services/api'
import { mediaUrl } from '../../../services/media'
import { merchandisingApi } from '../../../services/merchandising'
import { showFailure } from '../../../utils/feedback'
import { newRequestId } from '../../../utils/id'
import { parseYuan } from '../../../utils/money'
import { StageChips } from './parts'

interface SkuDraft {
  id?: string
  spec: string
  value: string
  price: string
  /** The cost floor (底价) in yuan; empty for none. */
  floor: string
  stock: string
}

const whole = (text: string) => (/^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : null)

/** The draft as the server takes it, or what is wrong with it in the merchandiser's words. */
export function toProductInput(d: {
  requestId: string
  product: Product | null
  categoryId: string
  title: string
  subtitle: string
  detail: string
  images: string[]
  tags: string
  featured: boolean
  memberPrices: boolean
  commissionPct: string
  perOrder: string
  perMember: string
  newMembersOnly: boolean
  skus: SkuDraft[]
}): ProductInput | string {
  if (!d.categoryId) return '请选择分类'
  if (!d.title.trim()) return '请填写商品名称'
  if (d.images.length === 0) return '请至少上传 1 张图片'
  const pct = d.commissionPct.trim()
  const commission = pct === '' ? null : Number(pct)
  if (commission !== null && (!Number.isFinite(commission) || commission < 0 || commission > 30))
    return '佣金比例应为 0–30（%），留空用默认比例'
  const skus: ProductInput['skus'] = []
  for (const [i, s] of d.skus.entries()) {
    const price = parseYuan(s.price)
    if (!s.spec.trim() || !s.value.trim()) return `第 ${i + 1} 个规格请填写规格名和规格值`
    if (price === null || price <= 0) return `第 ${i + 1} 个规格的价格应为元，如 88 或 88.50`
    const floor = s.floor.trim() ? parseYuan(s.floor) : null
    if (s.floor.trim() && floor === null) return `第 ${i + 1} 个规格的底价应为元，如 40 或 40.50`
    if (floor !== null && floor > price) return `第 ${i + 1} 个规格的底价不能高于价格`
    const stock = s.id ? 0 : whole(s.stock || '0')
    if (stock === null) return `第 ${i + 1} 个规格的库存应为整数`
    const specs = { [s.spec.trim()]: s.value.trim() }
    skus.push({ ...(s.id ? { id: s.id } : { initialStock: stock }), specs, price, floorPrice: floor })
  }
  if (skus.length === 0) return '请至少添加 1 个规格'
  const perOrder = d.perOrder.trim() ? whole(d.perOrder) : null
  const perMember = d.perMember.trim() ? whole(d.perMember) : null
  if ((d.perOrder.trim() && !perOrder) || (d.perMember.trim() && !perMember)) return '限购件数应为正整数'
  return {
    ...(d.product ? { id: d.product.id } : {}),
    requestId: d.requestId,
    categoryId: d.categoryId,
    title: d.title.trim(),
    subtitle: d.subtitle.trim(),
    detail: d.detail.trim(),
    images: d.images,
    tags: d.tags
      .split(/[,，\s]+/)
      .map((t) => t.trim())
      .filter(Boolean),
    featured: d.featured,
    memberPrices: d.memberPrices,
    commissionBps: commission === null ? null : Math.round(commission * 100),
    limits: perOrder || perMember || d.newMembersOnly ? { perOrder, perMember, newMembersOnly: d.newMembersOnly } : null,
    skus,
  }
}

/** 新建 / 编辑商品: categories, text, images, SKUs with prices (new SKUs with their stock), commission, member prices, limits. */
export function ProductEditor({
  product,
  onSaved,
  onCancel,
}: {
  product: Product | null
  onSaved: (p: Product) => void
  onCancel: () => void
}) {
  const categories = useRemote(() => api.catalog.categories(), [])
  const [categoryId, setCategoryId] = useState(product?.categoryId ?? '')
  const [title, setTitle] = useState(product?.title ?? '')
  const [subtitle, setSubtitle] = useState(product?.subtitle ?? '')
  const [detail, setDetail] = useState(product?.detail ?? '')
  const [tags, setTags] = useState(product?.tags.join('，') ?? '')
  const [featured, setFeatured] = useState(product?.featured ?? false)
  const [memberPrices, setMemberPrices] = useState(product?.memberPrices !== false)
  const [commissionPct, setCommissionPct] = useState(product?.commissionBps != null ? String(product.commissionBps / 100) : '')
  const [perOrder, setPerOrder] = useState(product?.limits?.perOrder ? String(product.limits.perOrder) : '')
  const [perMember, setPerMember] = useState(product?.limits?.perMember ? String(product.limits.perMember) : '')
  const [newMembersOnly, setNewMembersOnly] = useState(product?.limits?.newMembersOnly ?? false)
  const [skus, setSkus] = useState<SkuDraft[]>(
    product?.skus.map((s) => {
      const [spec = '规格', value = ''] = Object.entries(s.specs)[0] ?? []
      const floor = s.floorPrice ? (s.floorPrice / 100).toFixed(2) : ''
      return { id: s.id, spec, value, price: (s.price / 100).toFixed(2), floor, stock: String(s.stock) }
    }) ?? [{ spec: '规格', value: '', price: '', floor: '', stock: '0' }],
  )
  const images = useImageUploads(product?.images.map((ref) => ({ ref, path: mediaUrl(ref) })) ?? [])
  const [pending, setPending] = useState(false)
  const requestId = useRef(newRequestId())
  const editSku = (i: number, patch: Partial<SkuDraft>) => setSkus(skus.map((s, j) => (j === i ? { ...s, ...patch } : s)))

  const save = async () => {
    if (images.images.some((image) => image.status !== 'done'))
      return void Taro.showToast({ title: '图片还在上传或上传失败', icon: 'none' })
    const input = toProductInput({
      requestId: requestId.current,
      product,
      categoryId,
      title,
      subtitle,
      detail,
      images: images.images.map((image) => image.ref!),
      tags,
      featured,
      memberPrices,
      commissionPct,
      perOrder,
      perMember,
      newMembersOnly,
      skus,
    })
    if (typeof input === 'string') return void Taro.showToast({ title: input, icon: 'none' })
    setPending(true)
    try {
      onSaved(await merchandisingApi.saveProduct(input))
      void Taro.showToast({ title: product ? '已保存' : '已创建（未上架）', icon: 'none' })
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }

  const options = categories.status === 'ready' ? categories.data.map((c: Category) => ({ key: c.id, title: c.name })) : []
  return (
    <View className='ops-box' role='form' aria-label={product ? `编辑 ${product.title}` : '新建商品'}>
      <Text className='ops-box__title'>{product ? `编辑「${product.title}」` : '新建商品'}</Text>
      <StageChips options={options} chosen={categoryId} onChoose={setCategoryId} />
      <TextField value={title} placeholder='商品名称（最多 30 字）' maxLength={30} onChange={setTitle} />
      <TextField value={subtitle} placeholder='副标题（选填）' maxLength={40} onChange={setSubtitle} />
      <ImageUploader uploads={images} max={9} />
      <TextArea value={detail} placeholder='商品详情' maxLength={2000} onChange={setDetail} />
      <TextField value={tags} placeholder='标签，用逗号分开（最多 5 个）' maxLength={60} onChange={setTags} />
      {skus.map((s, i) => (
        <View key={s.id ?? `new-${i}`} className='ops-case__actions' role='group' aria-label={`规格 ${i + 1}`}>
          <TextField value={s.spec} placeholder='规格名' maxLength={10} onChange={(spec) => editSku(i, { spec })} />
          <TextField value={s.value} placeholder='规格值' maxLength={20} onChange={(value) => editSku(i, { value })} />
          <TextField value={s.price} placeholder='价格（元）' maxLength={10} onChange={(price) => editSku(i, { price })} />
          <TextField value={s.floor} placeholder='底价（元，选填）' maxLength={10} onChange={(floor) => editSku(i, { floor })} />
          {s.id ? (
            <Text>{`库存 ${s.stock}（在列表中调整）`}</Text>
          ) : (
            <TextField value={s.stock} placeholder='初始库存' maxLength={7} onChange={(stock) => editSku(i, { stock })} />
          )}
        </View>
      ))}
      <Button
        size='small'
        fill='outline'
        onClick={() => setSkus([...skus, { spec: skus[0]?.spec ?? '规格', value: '', price: '', floor: '', stock: '0' }])}
      >
        添加规格
      </Button>
      <TextField value={commissionPct} placeholder='佣金比例 %（0–30，留空用默认）' maxLength={5} onChange={setCommissionPct} />
      <TextField value={perOrder} placeholder='每单限购（选填）' maxLength={3} onChange={setPerOrder} />
      <TextField value={perMember} placeholder='每人限购（选填）' maxLength={3} onChange={setPerMember} />
      <TickBox checked={newMembersOnly} onChange={setNewMembersOnly} label='仅限新会员（从未付款下单）' />
      <TickBox checked={memberPrices} onChange={setMemberPrices} label='享受会员价' />
      <TickBox checked={featured} onChange={setFeatured} label='首页精选' />
      <View className='ops-case__actions'>
        <Button type='primary' size='small' loading={pending} onClick={() => void save()}>
          {product ? '保存' : '创建'}
        </Button>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
