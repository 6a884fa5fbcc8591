import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { StateView } from '../../components'
import { useRemote } from '../../hooks/useRemote'
import { listDemoPeople, signInAs } from '../../services/devSignIn'
import { describeError } from '../../services/errors'
import { useSession } from '../../stores/session'
import { tierLabel } from '../../utils/tier'

/** Local host only: sign in as one of the seeded demo people, or sign out. */
export function DevSignIn() {
  const people = useRemote(listDemoPeople, [])
  const current = useSession((session) => session.member)
  const signedIn = useSession((session) => session.token !== null)
  const signOut = useSession((session) => session.signOut)
  const [pendingId, setPendingId] = useState<string | null>(null)

  const signIn = async (personId: string) => {
    if (pendingId) return
    setPendingId(personId)
    try {
      const { member } = await signInAs(personId)
      Taro.showToast({ title: `已登录：${member.nickname}`, icon: 'none' })
    } catch (error) {
      Taro.showToast({ title: describeError(error), icon: 'none' })
    } finally {
      setPendingId(null)
    }
  }

  return (
    <View className='dev-sign-in'>
      <View className='section-title'>
        <Text>选择演示身份登录</Text>
        <Text className='section-title__hint'>仅本地演示环境</Text>
      </View>
      {people.status === 'loading' && <StateView kind='loading' />}
      {people.status === 'error' && <StateView kind='error' message={people.message} onRetry={people.reload} />}
      {people.status === 'ready' &&
        (people.data.length === 0 ? (
          <StateView kind='empty' title='没有可用的演示身份' description='请先初始化本地演示数据' />
        ) : (
          <Cell.Group>
            {people.data.map((person) => {
              const isCurrent = signedIn && current?.id === person.member.id
              return (
                <Cell
                  key={person.id}
                  title={person.label}
                  description={`${person.member.nickname} · ${tierLabel(person.member.tier)}`}
                  extra={pendingId === person.id ? '登录中…' : isCurrent ? '当前身份' : '登录'}
                  clickable={!isCurrent}
                  onClick={() => {
                    if (!isCurrent) void signIn(person.id)
                  }}
                />
              )
            })}
          </Cell.Group>
        ))}
      {signedIn && (
        <View className='dev-sign-in__sign-out'>
          <Button block fill='outline' onClick={signOut}>
            退出登录
          </Button>
        </View>
      )}
    </View>
  )
}
