import { useRef, useState } from 'react'
import { PrivacyNotice } from '../../../components/PrivacyNotice'
import { Image, Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { ImageUploader, StateView, TextField } from '../../../components'
import Taro, { useRouter } from '@tarojs/taro'
import type { MyPostView, ProductCard } from '../../../../types/api'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { describeError, isCallError } from '../../../services/errors'
import { mediaUrl } from '../../../services/media'
import { postApi } from '../../../services/posts'
import { showFailure } from '../../../utils/feedback'
import { newRequestId } from '../../../utils/id'
import { PAGES, readParam } from '../../../utils/routes'
import { usePostRevision } from '../shared/revision'
import { POST_LIMITS, draftProblem, toPostInput } from './draft'
import { ProductPicker } from './ProductPicker'
import { TopicPicker } from './TopicPicker'
import { useImageUploads } from '../../../hooks/useImageUploads'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

/** 我的种草, going back to it when it is the page below (so the stack does not grow). */
function openMyPosts(): void {
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2]
  if (below && `/${below.route}` === PAGES.myPosts) void Taro.navigateBack()
  else void Taro.redirectTo({ url: PAGES.myPosts })
}

export default function WritePostPage() {
  const signedIn = useSignedIn()
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [products, setProducts] = useState<ProductCard[]>([])
  // Opened from a topic's 打卡 challenge: that topic is chosen already.
  // (a page opened without a route, as in a test, has no params)
  const joining = readParam(useRouter()?.params?.topic)
  const [topicIds, setTopicIds] = useState<string[]>(joining ? [joining] : [])
  const [picking, setPicking] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [submitted, setSubmitted] = useState<MyPostView | null>(null)
  const uploads = useImageUploads()
  // One key per draft: sending it again after a lost answer names the same post, never a second one.
  const requestId = useRef(newRequestId())
  const submittingNow = useRef(false)
  const postsChanged = usePostRevision((state) => state.changed)

  if (!signedIn) {
    return (
      <StateView
        kind='empty'
        title='登录后写种草'
        description='在“我的”页登录后，分享你用过的好物'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }

  if (submitted) {
    const writeAnother = () => {
      requestId.current = newRequestId()
      setTitle('')
      setBody('')
      setProducts([])
      setTopicIds([])
      uploads.clear()
      setSubmitted(null)
    }
    return (
      <View className='post-write post-write--done'>
        <View className='post-write__done'>
          <View className='post-write__done-mark'>✓</View>
          <Text className='post-write__done-title'>已提交，等待审核</Text>
          <Text className='post-write__done-text'>
            运营审核通过后，「{submitted.title}」会出现在首页的种草里，积分奖励同时到账（每天有上限，以积分规则为准）。
          </Text>
          <Text className='post-write__done-text'>没有通过时，会在“我的种草”里告诉你原因。</Text>
        </View>
        <View className='post-write__done-actions'>
          <Button type='primary' block onClick={openMyPosts}>
            查看我的种草
          </Button>
          <Button fill='outline' block onClick={writeAnother}>
            再写一篇
          </Button>
        </View>
      </View>
    )
  }

  const toggleProduct = (product: ProductCard) => {
    if (products.some((p) => p.id === product.id)) setProducts(products.filter((p) => p.id !== product.id))
    else if (products.length >= POST_LIMITS.products) toast(`最多关联 ${POST_LIMITS.products} 件商品`)
    else setProducts([...products, product])
  }

  const submit = async () => {
    if (submittingNow.current) return
    const draft = { title, body, images: uploads.images, products, topicIds }
    const problem = draftProblem(draft)
    if (problem) {
      toast(problem)
      return
    }
    submittingNow.current = true
    setSubmitting(true)
    try {
      const post = await postApi.create(toPostInput(draft, requestId.current))
      postsChanged()
      setSubmitted(post)
    } catch (error) {
      if (isCallError(error) && error.code === 'POST_LIMIT') {
        const { confirm } = await Taro.showModal({
          title: '暂时不能再发',
          content: describeError(error),
          confirmText: '查看我的种草',
          cancelText: '知道了',
        })
        if (confirm) await Taro.navigateTo({ url: PAGES.myPosts })
      } else {
        showFailure(error)
      }
    } finally {
      submittingNow.current = false
      setSubmitting(false)
    }
  }

  return (
    <View className='post-write'>
      <View className='post-write__card'>
        <ImageUploader uploads={uploads} max={POST_LIMITS.images} />
        <View className='post-write__title-row'>
          <TextField
            className='post-write__title'
            value={title}
            placeholder='填写标题，让更多人看到'
            maxLength={POST_LIMITS.title}
            onChange={setTitle}
          />
          <Text className='post-write__count'>
            {title.length}/{POST_LIMITS.title}
          </Text>
        </View>
        <TextArea
          className='post-write__body'
          value={body}
          placeholder='分享你的真实体验：用了多久、效果怎样、适合谁……'
          maxLength={POST_LIMITS.body}
          autoSize
          onChange={setBody}
        />
        <Text className='post-write__count post-write__count--body'>
          {body.length}/{POST_LIMITS.body}
        </Text>
      </View>

      <TopicPicker chosen={topicIds} onChange={setTopicIds} />

      <View className='post-write__card'>
        <View className='post-write__card-head'>
          <Text className='post-write__card-title'>
            关联商品（{products.length}/{POST_LIMITS.products}）
          </Text>
          <Text className='post-write__link' onClick={() => setPicking(true)}>
            {products.length > 0 ? '修改' : '添加商品'}
          </Text>
        </View>
        {products.length === 0 ? (
          <Text className='post-write__hint'>关联你用过的商品，读者可以从种草直接打开它</Text>
        ) : (
          products.map((product) => (
            <View key={product.id} className='post-write__product'>
              <Image className='post-write__product-image' src={mediaUrl(product.cover)} mode='aspectFill' />
              <Text className='post-write__product-title'>{product.title}</Text>
              <Text className='post-write__image-remove post-write__product-remove' onClick={() => toggleProduct(product)}>
                ×
              </Text>
            </View>
          ))
        )}
      </View>

      <Text className='post-write__rules'>
        种草需经运营审核后发布：请分享真实体验，不发布广告、联系方式或与商品无关的内容。审核通过后可获得积分和成长值奖励，每天有上限，详见
        <Text className='post-write__link' onClick={() => Taro.navigateTo({ url: PAGES.points })}>
          积分规则
        </Text>
        。
      </Text>

      <View className='post-write__bar'>
        <Button type='primary' block loading={submitting} onClick={submit}>
          提交审核
        </Button>
      </View>

      <ProductPicker visible={picking} chosen={products} onToggle={toggleProduct} onClose={() => setPicking(false)} />
      <PrivacyNotice />
    </View>
  )
}
