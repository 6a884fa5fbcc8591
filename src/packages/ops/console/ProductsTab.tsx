import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useReachBottom } from '@tarojs/taro'
import type { Product, Sku } from '../../../../types/domain'
import { TextField } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { merchandisingApi } from '../../../services/merchandising'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { newRequestId } from '../../../utils/id'
import { formatFen } from '../../../utils/money'
import { PagedRows, StageChips } from './parts'
import { ProductEditor } from './ProductEditor'
import './ProductsTab.scss'

type Shelf = 'all' | 'on' | 'off'
const SHELVES: { key: Shelf; title: string }[] = [
  { key: 'all', title: '全部' },
  { key: 'on', title: '在售' },
  { key: 'off', title: '已下架' },
]

/** 商品 (merchandiser): every product by title and shelf state, put on or off the shelf, stock adjusted with a reason. */
export function ProductsTab() {
  const [shelf, setShelf] = useState<Shelf>('all')
  const [text, setText] = useState('')
  const [searched, setSearched] = useState('')
  const list = usePagedList(
    (page) =>
      merchandisingApi.products({
        ...(shelf === 'all' ? {} : { status: shelf }),
        ...(searched ? { text: searched } : {}),
        page,
        pageSize: 10,
      }),
    [shelf, searched],
  )
  const [changed, setChanged] = useState<Record<string, Product>>({})
  // null: the list; 'new': a new product; else the product being edited.
  const [editing, setEditing] = useState<Product | 'new' | null>(null)
  useReachBottom(() => {
    void list.loadMore()
  })
  if (editing) {
    return (
      <ProductEditor
        product={editing === 'new' ? null : editing}
        onCancel={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null)
          if (editing === 'new') void list.reload()
          else setChanged((all) => ({ ...all, [saved.id]: saved }))
        }}
      />
    )
  }
  return (
    <View className='ops-orders'>
      <StageChips options={SHELVES} chosen={shelf} onChoose={setShelf} />
      <View className='ops-orders__search'>
        <TextField value={text} placeholder='商品名称' maxLength={30} onChange={setText} />
        <Button size='small' type='primary' fill='outline' onClick={() => setSearched(text.trim())}>
          查找
        </Button>
        <Button size='small' type='primary' onClick={() => setEditing('new')}>
          新建商品
        </Button>
      </View>
      <PagedRows list={list} empty={{ title: '没有符合条件的商品' }}>
        {(p) => (
          <ProductCard
            key={p.id}
            product={changed[p.id] ?? p}
            onChanged={(next) => setChanged((all) => ({ ...all, [next.id]: next }))}
            onEdit={() => setEditing(changed[p.id] ?? p)}
          />
        )}
      </PagedRows>
    </View>
  )
}

function ProductCard({ product, onChanged, onEdit }: { product: Product; onChanged: (product: Product) => void; onEdit: () => void }) {
  const [pending, setPending] = useState(false)
  const on = product.status === 'on'
  const toggle = async () => {
    if (
      on &&
      !(await confirmAction('下架这件商品？', `「${product.title}」将不再出现在店里，已下的订单不受影响`, '下架', { destructive: true }))
    )
      return
    setPending(true)
    try {
      onChanged(await merchandisingApi.shelve(product.id, !on))
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  const skuChanged = (sku: Sku) => onChanged({ ...product, skus: product.skus.map((s) => (s.id === sku.id ? sku : s)) })
  return (
    <View className='ops-order' role='group' aria-label={product.title}>
      <View className='ops-order__head'>
        <Text className='ops-order__no'>{product.title}</Text>
        <Text>{on ? '在售' : '已下架'}</Text>
      </View>
      <Text>{`已售 ${product.sales}${product.commissionBps !== null ? ` · 佣金 ${product.commissionBps / 100}%` : ''}`}</Text>
      {product.skus.map((sku) => (
        <SkuStock key={sku.id} sku={sku} onChanged={skuChanged} />
      ))}
      <View className='ops-case__actions'>
        <Button size='small' fill='outline' onClick={onEdit}>
          编辑
        </Button>
        <Button size='small' fill='outline' loading={pending} onClick={() => void toggle()}>
          {on ? '下架' : '上架'}
        </Button>
      </View>
    </View>
  )
}

/** One SKU's price and stock, and a stock adjustment with its reason (one request id until it lands). */
function SkuStock({ sku, onChanged }: { sku: Sku; onChanged: (sku: Sku) => void }) {
  const [delta, setDelta] = useState('')
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const requestId = useRef(newRequestId())
  const specs = Object.values(sku.specs).join(' ')
  const submit = async () => {
    const n = Number(delta.trim())
    if (!Number.isInteger(n) || n === 0) return void Taro.showToast({ title: '请填写调整件数（负数为减少）', icon: 'none' })
    if (reason.trim().length < 2) return void Taro.showToast({ title: '请写明调整原因', icon: 'none' })
    setPending(true)
    try {
      const result = await merchandisingApi.adjustStock({ skuId: sku.id, delta: n, reason: reason.trim(), requestId: requestId.current })
      onChanged(result.sku)
      requestId.current = newRequestId()
      setDelta('')
      setReason('')
      void Taro.showToast({ title: `库存现为 ${result.sku.stock} 件`, icon: 'none' })
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  return (
    <View className='ops-stock' role='group' aria-label={`${specs} 库存`}>
      <Text>{`${specs} · ${formatFen(sku.price)} · 库存 ${sku.stock}`}</Text>
      <View className='ops-stock__form'>
        <TextField className='ops-stock__delta' value={delta} placeholder='调整件数' maxLength={7} onChange={setDelta} />
        <TextField className='ops-stock__reason' value={reason} placeholder='原因' maxLength={100} onChange={setReason} />
        <Button size='small' type='primary' fill='outline' loading={pending} onClick={() => void submit()}>
          调整库存
        </Button>
      </View>
    </View>
  )
}
