import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { StaffView } from '../../../../types/api'
import type { StaffRole } from '../../../../types/domain'
import { StateView, TextField } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { staffApi } from '../../../services/staff'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { STAFF_ROLE_LABELS, STAFF_ROLE_ORDER } from '../../../utils/staff'

/** 员工 (owners): every staff account with its roles, a role taken away by tapping it, and a role given by member id. */
export function StaffTab() {
  const list = useRemote(() => staffApi.list(), [])
  if (list.status === 'loading') return <StateView kind='loading' />
  if (list.status === 'error') return <StateView kind='error' message={list.message} onRetry={list.reload} />
  return (
    <View className='ops-staff'>
      <View className='ops-list'>
        {list.data.map((member) => (
          <StaffRow key={member.memberId} member={member} onChanged={list.refresh} />
        ))}
      </View>
      <GrantForm onGranted={list.refresh} />
      <Text className='ops-note'>
        店主可做全部操作并管理员工；商品运营管活动与积分商品；客服管发货、审核与分销申请；财务看报表与审计、设分佣比例。每次授予和收回都写入审计日志。
      </Text>
    </View>
  )
}

function StaffRow({ member, onChanged }: { member: StaffView; onChanged: () => Promise<void> }) {
  const revoke = async (role: StaffRole) => {
    const label = STAFF_ROLE_LABELS[role]
    if (!(await confirmAction(`收回「${label}」？`, `${member.nickname} 将不能再做${label}的操作。`, '收回', { destructive: true }))) return
    try {
      await staffApi.revoke(member.memberId, role)
      void Taro.showToast({ title: '已收回', icon: 'none' })
      await onChanged()
    } catch (error) {
      showFailure(error)
    }
  }
  return (
    <View className='ops-staff__row' data-member={member.memberId}>
      <View className='ops-staff__who'>
        <Text className='ops-staff__name'>{member.nickname}</Text>
        <Text className='ops-staff__id'>{member.memberId}</Text>
      </View>
      <View className='ops-staff__roles'>
        {member.roles.map((role) => (
          <Text key={role} className='ops-staff__role' aria-label={`收回${STAFF_ROLE_LABELS[role]}`} onClick={() => void revoke(role)}>
            {STAFF_ROLE_LABELS[role]} ×
          </Text>
        ))}
      </View>
    </View>
  )
}

function GrantForm({ onGranted }: { onGranted: () => Promise<void> }) {
  const [memberId, setMemberId] = useState('')
  const [role, setRole] = useState<StaffRole>('service')
  const [pending, setPending] = useState(false)
  const grant = async () => {
    const id = memberId.trim()
    if (!id) return void Taro.showToast({ title: '请填写会员编号', icon: 'none' })
    setPending(true)
    try {
      const granted = await staffApi.grant(id, role)
      void Taro.showToast({ title: `${granted.nickname} 已获得${STAFF_ROLE_LABELS[role]}`, icon: 'none' })
      setMemberId('')
      await onGranted()
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  return (
    <View className='ops-box ops-staff__grant'>
      <Text className='ops-box__title'>授予岗位</Text>
      <TextField value={memberId} placeholder='会员编号' maxLength={64} onChange={setMemberId} />
      <View className='ops-staff__choices'>
        {STAFF_ROLE_ORDER.map((r) => (
          <View
            key={r}
            className={`ops-staff__choice${r === role ? ' ops-staff__choice--on' : ''}`}
            aria-checked={r === role}
            role='radio'
            onClick={() => setRole(r)}
          >
            {STAFF_ROLE_LABELS[r]}
          </View>
        ))}
      </View>
      <Button type='primary' size='small' loading={pending} onClick={grant}>
        授予
      </Button>
    </View>
  )
}
