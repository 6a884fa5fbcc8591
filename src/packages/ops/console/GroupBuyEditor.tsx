import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { GroupBuyAdminView } from '../../../../types/api'
import { campaignsApi } from '../../../services/campaigns'
import { confirmAction, showFailure } from '../../../utils/feedback'

const DAY = 86_400_000

/** A new group-buy's starting document: off, a week from now, teams of two within a day. */
function template(now: number) {
  return {
    id: 'gb-new',
    title: '',
    productId: '',
    skus: [{ skuId: '', teamPrice: 0 }],
    teamSize: 2,
    timeLimitMs: DAY,
    stock: 100,
    perMemberLimit: 1,
    startAt: now,
    endAt: now + 7 * DAY,
    enabled: false,
  }
}

/**
 * A group-buy document edited as JSON (prices in fen, times in ms) and saved; the server reads it with
 * the rules' own reader, refuses one they would ignore and names every clamp. `doc` null starts a new one.
 */
export function GroupBuyEditor({
  doc,
  onSaved,
  onCancel,
}: {
  doc: unknown
  onSaved: (view: GroupBuyAdminView) => void
  onCancel: () => void
}) {
  const [text, setText] = useState(() => JSON.stringify(doc ?? template(Date.now()), null, 2))
  const [pending, setPending] = useState(false)

  const save = async () => {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return void Taro.showToast({ title: '不是有效的 JSON，请检查引号和逗号', icon: 'none' })
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { id?: unknown }).id !== 'string')
      return void Taro.showToast({ title: '拼团文档应为带 id 的 { } 对象', icon: 'none' })
    if (!(await confirmAction('保存拼团？', '保存后立即生效，并记入审计日志', '保存'))) return
    setPending(true)
    try {
      const saved = await campaignsApi.saveGroupBuy(parsed as { id: string } & Record<string, unknown>)
      void Taro.showToast({ title: saved.problems.length > 0 ? `已保存，有 ${saved.problems.length} 处提示` : '已保存', icon: 'none' })
      onSaved(saved)
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <View className='ops-box' role='form' aria-label={doc ? '编辑拼团' : '新建拼团'}>
      <Text className='ops-note'>
        productId 商品编号；skus 参团规格与拼团价（分）；teamSize 成团人数（2–10）；timeLimitMs 成团时限（1–72 小时，毫秒）；stock
        名额；perMemberLimit 每人参团数；startAt/endAt 起止（毫秒）；enabled 开关
      </Text>
      <TextArea className='ops-batch__input' value={text} placeholder='拼团文档（JSON）' maxLength={10_000} onChange={setText} />
      <View className='ops-case__actions'>
        <Button type='primary' size='small' loading={pending} onClick={() => void save()}>
          保存拼团
        </Button>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
