import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { CreatorStanding } from '../../../../types/api'
import { TextField } from '../../../components'
import { memberCareApi } from '../../../services/memberCare'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { shanghaiDateTime } from '../../../utils/time'

/** 达人 (owners): certify the member as a creator or remove it, with a reason the audit log keeps. */
export function CreatorCertification({
  standing,
  onChanged,
}: {
  standing: CreatorStanding
  onChanged: (standing: CreatorStanding) => void
}) {
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const certify = !standing.certified
  const submit = async () => {
    if (reason.trim() === '') return void Taro.showToast({ title: certify ? '请写明认证理由' : '请写明取消原因', icon: 'none' })
    const title = certify ? '认证为达人？' : '取消达人认证？'
    if (!(await confirmAction(title, `原因：${reason.trim()}`, certify ? '确认认证' : '确认取消', { destructive: !certify }))) return
    setPending(true)
    try {
      const req = { memberId: standing.memberId, reason: reason.trim() }
      onChanged(await (certify ? memberCareApi.certifyCreator(req) : memberCareApi.uncertifyCreator(req)))
      setReason('')
      void Taro.showToast({ title: certify ? '已认证为达人' : '已取消达人认证', icon: 'success' })
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  return (
    <View className='ops-case__actions' role='group' aria-label='达人认证'>
      <Text>
        {standing.certified
          ? `达人：${standing.reason ?? ''}（${standing.certifiedAt ? shanghaiDateTime(standing.certifiedAt) : ''} 认证）· ${standing.followers} 人关注`
          : `不是达人 · ${standing.followers} 人关注`}
      </Text>
      <TextField value={reason} placeholder={certify ? '认证理由' : '取消原因'} maxLength={100} onChange={setReason} />
      <Button type='primary' fill={certify ? 'solid' : 'outline'} size='small' loading={pending} onClick={() => void submit()}>
        {certify ? '认证为达人' : '取消达人认证'}
      </Button>
    </View>
  )
}
