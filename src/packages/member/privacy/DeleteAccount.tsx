import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TextField } from '../../../components'
import Taro from '@tarojs/taro'
import { isCallError } from '../../../services/errors'
import { DELETE_ACCOUNT_CONFIRMATION, privacyApi } from '../../../services/privacy'
import { useSession } from '../../../stores/session'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { PAGES } from '../../../utils/routes'
import { DELETION_ERASES, DELETION_FORFEITS, DELETION_KEEPS } from './notice'

/**
 * 注销账号: says what is erased and what is kept, asks for the exact words 注销账号 and one more
 * confirmation, then signs out and goes home. An open order or payout (ACCOUNT_BUSY) is explained here.
 */
export function DeleteAccount() {
  const [typed, setTyped] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)
  const [deleting, setDeleting] = useState(false)
  const matches = typed.trim() === DELETE_ACCOUNT_CONFIRMATION

  const remove = async () => {
    if (!matches || deleting) return
    if (!(await confirmAction('确认注销账号？', `${DELETION_FORFEITS}此操作不可撤销。`, '确认注销', { destructive: true }))) return
    setRefusal(null)
    setDeleting(true)
    try {
      await privacyApi.deleteAccount(DELETE_ACCOUNT_CONFIRMATION)
      useSession.getState().signOut()
      Taro.showToast({ title: '账号已注销', icon: 'none' })
      await Taro.switchTab({ url: PAGES.home })
    } catch (error) {
      if (isCallError(error) && error.code === 'ACCOUNT_BUSY') setRefusal(error.message)
      else showFailure(error)
    } finally {
      setDeleting(false)
    }
  }

  return (
    <View className='privacy-box privacy-delete'>
      <Text className='privacy-delete__title'>注销账号</Text>
      <Text className='privacy-note'>将删除：{DELETION_ERASES}</Text>
      <Text className='privacy-note'>将保留：{DELETION_KEEPS}</Text>
      <Text className='privacy-note privacy-delete__warning'>{DELETION_FORFEITS}</Text>
      <Text className='privacy-note'>有未完成的订单（待支付、待发货、待收货）或处理中的提现时不能注销。</Text>
      <TextField
        className='privacy-delete__input'
        name='confirm'
        type='text'
        value={typed}
        placeholder={`请输入“${DELETE_ACCOUNT_CONFIRMATION}”确认`}
        maxLength={10}
        onChange={setTyped}
      />
      {refusal && <Text className='privacy-delete__refusal'>暂时不能注销：{refusal}</Text>}
      <Button className='privacy-delete__button' block type='danger' disabled={!matches} loading={deleting} onClick={remove}>
        注销账号
      </Button>
    </View>
  )
}
