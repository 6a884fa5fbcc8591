import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { GroupBuyAdminView } from '../../../../types/api'
import { TextField, TickBox } from '../../../components'
import { campaignsApi } from '../../../services/campaigns'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { type GroupBuyDraft, documentOf, draftOf } from './groupbuy-draft'
import { EDIT_MODES, StageChips, readJsonObject } from './parts'

const FIELDS: { key: Exclude<keyof GroupBuyDraft, 'skus' | 'enabled'>; label: string }[] = [
  { key: 'id', label: '编号（字母、数字、- 和 _）' },
  { key: 'title', label: '名称（选填）' },
  { key: 'productId', label: '商品编号' },
  { key: 'teamSize', label: '成团人数（2–10）' },
  { key: 'hours', label: '成团时限（小时，1–72）' },
  { key: 'stock', label: '名额' },
  { key: 'perMemberLimit', label: '每人参团数' },
  { key: 'start', label: '开始时间（YYYY-MM-DD HH:mm）' },
  { key: 'end', label: '结束时间（YYYY-MM-DD HH:mm）' },
]

/**
 * A group-buy document as a form (prices in yuan, Shanghai times) or as JSON, saved as one document;
 * the server reads it with the rules' own reader, refuses one they would ignore and names every clamp.
 * `doc` null starts a new one.
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
  const [mode, setMode] = useState<'form' | 'json'>('form')
  const [draft, setDraft] = useState(() => draftOf(doc, Date.now()))
  const [text, setText] = useState(() => JSON.stringify(doc ?? {}, null, 2))
  const [pending, setPending] = useState(false)
  const edit = (patch: Partial<GroupBuyDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const editSku = (i: number, patch: Partial<GroupBuyDraft['skus'][number]>) =>
    edit({ skus: draft.skus.map((s, j) => (j === i ? { ...s, ...patch } : s)) })

  const documentNow = (): Record<string, unknown> | string => {
    if (mode === 'form') return documentOf(draft, doc)
    const parsed = readJsonObject(text, '拼团文档应为带 id 的 { } 对象')
    return typeof parsed === 'string' || typeof parsed.id === 'string' ? parsed : '拼团文档应为带 id 的 { } 对象'
  }

  // Each view picks up what was typed in the other, so switching never loses an edit.
  const chooseMode = (next: 'form' | 'json') => {
    const current = documentNow()
    if (typeof current !== 'string') {
      if (next === 'json') setText(JSON.stringify(current, null, 2))
      else setDraft(draftOf(current, Date.now()))
    }
    setMode(next)
  }

  const save = async () => {
    const current = documentNow()
    if (typeof current === 'string') return void Taro.showToast({ title: current, icon: 'none' })
    if (!(await confirmAction('保存拼团？', '保存后立即生效，并记入审计日志', '保存'))) return
    setPending(true)
    try {
      const saved = await campaignsApi.saveGroupBuy(current as { id: string } & Record<string, unknown>)
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
      <StageChips options={EDIT_MODES} chosen={mode} onChoose={chooseMode} />
      {mode === 'json' ? (
        <TextArea className='ops-batch__input' value={text} placeholder='拼团文档（JSON）' maxLength={10_000} onChange={setText} />
      ) : (
        <>
          {FIELDS.map((f) => (
            <View key={f.key} className='ops-case__actions'>
              <Text className='ops-note'>{f.label}</Text>
              <TextField value={draft[f.key]} placeholder={f.label} maxLength={64} onChange={(value) => edit({ [f.key]: value })} />
            </View>
          ))}
          {draft.skus.map((s, i) => (
            <View key={`sku-${i}`} className='ops-case__actions' role='group' aria-label={`参团规格 ${i + 1}`}>
              <TextField value={s.skuId} placeholder='规格编号' maxLength={64} onChange={(skuId) => editSku(i, { skuId })} />
              <TextField
                value={s.teamPrice}
                placeholder='拼团价（元）'
                maxLength={10}
                onChange={(teamPrice) => editSku(i, { teamPrice })}
              />
            </View>
          ))}
          <Button size='small' fill='outline' onClick={() => edit({ skus: [...draft.skus, { skuId: '', teamPrice: '' }] })}>
            添加参团规格
          </Button>
          <TickBox checked={draft.enabled} onChange={(enabled) => edit({ enabled })} label='启用' />
        </>
      )}
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
