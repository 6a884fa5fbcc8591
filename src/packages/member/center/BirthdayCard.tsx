import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { TierView } from '../../../../types/api'
import { memberApi } from '../../../services/points'
import { describeError } from '../../../services/errors'

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
const DAYS = Array.from({ length: 31 }, (_, i) => `${i + 1}日`)
const pad = (n: number) => String(n).padStart(2, '0')
/** "03-15" -> "3月15日". */
export const birthdayLabel = (birthday: string) => `${Number(birthday.slice(0, 2))}月${Number(birthday.slice(3))}日`

/**
 * The birthday the gift needs: recorded once (it cannot be changed later, or the gift could be taken
 * twice a year), so the member confirms it before it is sent.
 */
export function BirthdayCard({ view }: { view: TierView }) {
  const [birthday, setBirthday] = useState(view.birthday)
  const [saving, setSaving] = useState(false)
  const gift = view.tiers.find((t) => t.tier === view.tier)?.birthdayGiftPoints ?? 0

  async function choose(picked: number[]) {
    const chosen = `${pad(picked[0] + 1)}-${pad(picked[1] + 1)}`
    const { confirm } = await Taro.showModal({
      title: '登记生日',
      content: `生日登记后不能修改。你的生日是 ${birthdayLabel(chosen)} 吗？`,
      confirmText: '确认登记',
      cancelText: '再想想',
    })
    if (!confirm) return
    setSaving(true)
    try {
      setBirthday((await memberApi.setBirthday({ birthday: chosen })).birthday)
      void Taro.showToast({ title: '生日已登记', icon: 'success' })
    } catch (error) {
      void Taro.showToast({ title: describeError(error), icon: 'none', duration: 2500 })
    } finally {
      setSaving(false)
    }
  }

  const giftLine = gift > 0 ? `生日当天可得 ${gift} 积分（按当天的会员等级）` : '升级到 V2 及以上，生日当天可得生日积分'
  if (birthday) {
    return (
      <View className='birthday-card'>
        <Text className='birthday-card__title'>我的生日：{birthdayLabel(birthday)}</Text>
        <Text className='birthday-card__note'>{giftLine}</Text>
      </View>
    )
  }
  return (
    <View className='birthday-card'>
      <Text className='birthday-card__title'>登记生日，领生日礼</Text>
      <Text className='birthday-card__note'>{giftLine}。生日只能登记一次。</Text>
      <Picker
        mode='multiSelector'
        range={[MONTHS, DAYS]}
        value={[0, 0]}
        disabled={saving}
        onChange={(event) => void choose(event.detail.value as number[])}
      >
        <View className='birthday-card__action' role='button'>
          {saving ? '登记中…' : '选择生日'}
        </View>
      </Picker>
    </View>
  )
}
