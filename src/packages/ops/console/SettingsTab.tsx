import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { SettingsName, SettingsView } from '../../../../types/api'
import { StateView, TextField, TickBox } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { settingsApi } from '../../../services/staff'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { EDIT_MODES, Problems, StageChips, readJsonObject } from './parts'
import { SETTINGS_FIELDS, documentFrom, shown } from './settings-fields'

const DOCUMENTS: { key: SettingsName; title: string; hint: string }[] = [
  { key: 'tiers', title: '会员等级', hint: '各等级的成长值门槛与权益（会员价折扣、积分倍数、包邮门槛、生日礼）' },
  { key: 'distribution', title: '分销', hint: '默认佣金比例（不超过 30%）、绑定天数、提现门槛与每日上限、自动通过申请' },
  {
    key: 'points',
    title: '积分',
    hint: 'checkInBase 签到基础积分（1–20）、postRewardPoints 种草审核通过奖励（1–100）、postRewardsPerDay 每日奖励篇数（0–10）、maxDeductPct 积分最多抵商品金额的百分比（0–50）',
  },
  {
    key: 'afterSale',
    title: '售后',
    hint: 'reviewHours 审核时限（24–168 小时）、returnDays 寄回期限、confirmDays 确认收货期限、returnAddress 退货地址',
  },
]

/**
 * 设置 (finance, owners): a settings document as stored, edited as JSON and saved; the server reads it
 * back with the rules' own reader and every problem (a default kept, a value clamped) is shown.
 */
export function SettingsTab() {
  const [name, setName] = useState<SettingsName>('tiers')
  const remote = useRemote(() => settingsApi.get(name), [name])
  const [view, setView] = useState<SettingsView | null>(null)
  const [mode, setMode] = useState<'form' | 'json'>('form')
  const [text, setText] = useState('')
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [pending, setPending] = useState(false)
  useEffect(() => {
    if (remote.status !== 'ready') return
    setView(remote.data)
    setText(JSON.stringify(remote.data.doc ?? remote.data.settings, null, 2))
    setTyped({})
  }, [remote.status === 'ready' ? remote.data : null])

  /** The document to save from the form or the JSON text, or what is wrong with it. */
  const draft = (): Record<string, unknown> | string => {
    if (mode === 'form') return view ? documentFrom(name, view.settings, typed) : '加载中…'
    return readJsonObject(text, '设置应为一个 { } 对象')
  }

  // The JSON text picks up what was typed in the form, so switching never loses an edit.
  const chooseMode = (next: 'form' | 'json') => {
    const doc = next === 'json' && mode === 'form' ? draft() : null
    if (doc && typeof doc !== 'string') setText(JSON.stringify(doc, null, 2))
    setMode(next)
  }

  const save = async () => {
    const doc = draft()
    if (typeof doc === 'string') return void Taro.showToast({ title: doc, icon: 'none' })
    if (!(await confirmAction('保存设置？', '保存后一分钟内生效，并记入审计日志', '保存'))) return
    setPending(true)
    try {
      const saved = await settingsApi.save(name, doc)
      setView(saved)
      setText(JSON.stringify(saved.doc ?? saved.settings, null, 2))
      setTyped({})
      void Taro.showToast({
        title: saved.problems.length > 0 ? `已保存，有 ${saved.problems.length} 处按规则修正` : '已保存',
        icon: 'none',
      })
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }

  const hint = DOCUMENTS.find((d) => d.key === name)?.hint
  // The editor stays in place while a document loads, so switching documents only swaps its text.
  return (
    <View className='ops-orders'>
      <StageChips options={DOCUMENTS} chosen={name} onChoose={setName} />
      {remote.status === 'error' && <StateView kind='error' message={remote.message} onRetry={remote.reload} />}
      <View className='ops-box' role='form' aria-label={`${DOCUMENTS.find((d) => d.key === name)?.title}设置`}>
        <StageChips options={EDIT_MODES} chosen={mode} onChoose={chooseMode} />
        <Text className='ops-note'>{hint}</Text>
        {mode === 'json' ? (
          <TextArea className='ops-batch__input' value={text} placeholder='设置（JSON）' maxLength={20_000} onChange={setText} />
        ) : (
          view &&
          SETTINGS_FIELDS[name].map((field) => {
            const key = field.path.join('.')
            const value = typed[key] ?? shown(view.settings, field)
            const type = (next: string) => setTyped((all) => ({ ...all, [key]: next }))
            return field.kind === 'bool' ? (
              <TickBox key={key} checked={value === 'true'} onChange={(on) => type(String(on))} label={field.label} />
            ) : (
              <View key={key} className='ops-case__actions'>
                <Text className='ops-note'>{field.label}</Text>
                <TextField value={value} placeholder={field.label} maxLength={60} onChange={type} />
              </View>
            )
          })
        )}
        {view && <Problems problems={view.problems} />}
        <Text className='ops-note'>{view ? `规则当前使用：${JSON.stringify(view.settings)}` : '加载中…'}</Text>
        <Button type='primary' size='small' disabled={!view || remote.status !== 'ready'} loading={pending} onClick={() => void save()}>
          保存设置
        </Button>
      </View>
    </View>
  )
}
