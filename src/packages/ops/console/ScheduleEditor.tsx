import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TextField } from '../../../components'
import Taro from '@tarojs/taro'
import type { CampaignAdminView } from '../../../../types/api'
import { campaignsApi } from '../../../services/campaigns'
import { showFailure } from '../../../utils/feedback'
import { shanghaiDateTime } from '../../../utils/time'
import { parseShanghaiDateTime } from './shanghai'

interface ScheduleEditorProps {
  id: string
  startAt: number | null
  endAt: number | null
  onSaved: (view: CampaignAdminView) => void
  onCancel: () => void
}

const PLACEHOLDER = 'YYYY-MM-DD HH:mm'

/** A campaign's window typed as Shanghai wall-clock times, checked here and sent as instants. */
export function ScheduleEditor({ id, startAt, endAt, onSaved, onCancel }: ScheduleEditorProps) {
  const [start, setStart] = useState(startAt === null ? '' : shanghaiDateTime(startAt))
  const [end, setEnd] = useState(endAt === null ? '' : shanghaiDateTime(endAt))
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const save = async () => {
    if (saving) return
    const from = parseShanghaiDateTime(start)
    const to = parseShanghaiDateTime(end)
    if (!from.ok) return setProblem(`开始时间：${from.problem}`)
    if (!to.ok) return setProblem(`结束时间：${to.problem}`)
    if (to.value <= from.value) return setProblem('结束时间须晚于开始时间')
    setProblem(null)
    setSaving(true)
    try {
      const answer = await campaignsApi.schedule({ id, startAt: from.value, endAt: to.value })
      Taro.showToast({ title: '时间已更新', icon: 'none' })
      onSaved(answer)
    } catch (error) {
      showFailure(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='ops-schedule'>
      <View className='ops-schedule__field'>
        <Text className='ops-schedule__label'>开始</Text>
        <TextField
          className='ops-schedule__input'
          name='startAt'
          type='text'
          value={start}
          placeholder={PLACEHOLDER}
          maxLength={16}
          onChange={setStart}
        />
      </View>
      <View className='ops-schedule__field'>
        <Text className='ops-schedule__label'>结束</Text>
        <TextField
          className='ops-schedule__input'
          name='endAt'
          type='text'
          value={end}
          placeholder={PLACEHOLDER}
          maxLength={16}
          onChange={setEnd}
        />
      </View>
      <Text className='ops-note'>按上海时间（UTC+8）填写，结束时间不含在内。</Text>
      {problem && <Text className='ops-schedule__problem'>{problem}</Text>}
      <View className='ops-schedule__actions'>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
        <Button className='ops-schedule__save' size='small' type='primary' loading={saving} onClick={save}>
          保存时间
        </Button>
      </View>
    </View>
  )
}
