import { useRef } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import type { FollowView } from '../../../../types/api'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { followApi } from '../../../services/follows'
import { showFailure } from '../../../utils/feedback'
import { askToSignIn } from '../../../utils/signIn'

/** 关注 / 已关注: a tap follows or stops following; what is shown is the server's answer. A visitor is asked to sign in first. */
export function FollowButton({
  creatorId,
  following,
  onChange,
}: {
  creatorId: string
  following: boolean
  onChange: (view: FollowView) => void
}) {
  const signedIn = useSignedIn()
  const busy = useRef(false)
  const tap = async () => {
    if (!signedIn) return askToSignIn('登录后才能关注创作者')
    if (busy.current) return
    busy.current = true
    try {
      onChange(await (following ? followApi.unfollow(creatorId) : followApi.follow(creatorId)))
    } catch (error) {
      showFailure(error)
    } finally {
      busy.current = false
    }
  }
  return (
    <Button className='creator__follow' type='primary' fill={following ? 'outline' : 'solid'} size='small' onClick={() => void tap()}>
      {following ? '已关注' : '关注'}
    </Button>
  )
}
