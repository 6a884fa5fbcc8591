import { useEffect } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { Avatar, Cell } from '@nutui/nutui-react-taro'
import Taro, { useDidShow } from '@tarojs/taro'
import type { MemberView, PointsBalance } from '../../../types/api'
import type { Role } from '../../../types/domain'
import { StateView, TierBadge } from '../../components'
import { useRemote } from '../../hooks/useRemote'
import { api } from '../../services/api'
import { showCartBadge, useCartBadge } from '../../services/cartBadge'
import { mediaUrl } from '../../services/media'
import { refreshMember, saveProfile } from '../../services/member'
import { withPrivacyGuide } from '../../services/privacy.gate'
import { uploadImage } from '../../services/upload'
import { pointsApi } from '../../services/points'
import { useSession } from '../../stores/session'
import { STAFF_ROLE_LABELS, staffRolesOf } from '../../utils/staff'
import { PAGES } from '../../utils/routes'
import { DevSignIn } from './DevSignIn'
import { OrdersEntry } from './OrdersEntry'
import './index.scss'

const ROLE_NAMES: Partial<Record<Role, string>> = {
  distributor: '分销员',
  owner: '店主',
  merchandiser: '商品运营',
  service: '客服',
  finance: '财务',
}

const SHORTCUTS: { title: string; url: string; extra: string }[] = [
  { title: '会员中心', url: PAGES.memberCenter, extra: '等级与权益' },
  { title: '我的积分', url: PAGES.points, extra: '明细与规则' },
  { title: '每日签到', url: PAGES.checkIn, extra: '签到领积分' },
  { title: '积分商城', url: PAGES.redeem, extra: '积分兑好物' },
  { title: '我的兑换', url: PAGES.redemptions, extra: '兑换记录' },
  { title: '我的拼团', url: PAGES.myTeams, extra: '开团与参团进度' },
  { title: '收货地址', url: PAGES.addressBook, extra: '管理常用地址' },
  { title: '写种草', url: PAGES.writePost, extra: '分享好物体验' },
  { title: '我的种草', url: PAGES.myPosts, extra: '审核进度' },
  { title: '我的收藏', url: PAGES.favourites, extra: '收藏的种草' },
  { title: '分销中心', url: PAGES.distributor, extra: '推广与佣金' },
  { title: '隐私与账号', url: PAGES.privacy, extra: '个性化推荐与注销' },
]

/** Staff (an account holding a staff role) reach the console from here, in both builds; nobody else sees the way in. */
const shortcutsFor = (member: MemberView) =>
  staffRolesOf(member).length > 0
    ? [
        ...SHORTCUTS,
        {
          title: '运营后台',
          url: PAGES.opsConsole,
          extra: staffRolesOf(member)
            .map((role) => STAFF_ROLE_LABELS[role])
            .join('、'),
        },
      ]
    : SHORTCUTS

export default function MePage() {
  useCartBadge()
  const cached = useSession((session) => session.member)
  const token = useSession((session) => session.token)
  // The mini program always knows who is asking (OPENID); the browser build after a dev sign-in.
  const signedIn = process.env.TARO_ENV === 'weapp' || token !== null
  const profile = useRemote(() => (signedIn ? refreshMember() : Promise.resolve(null)), [signedIn, token])
  const member = profile.status === 'ready' ? profile.data : cached
  const points = useRemote(() => (signedIn ? pointsApi.balance() : Promise.resolve(null)), [signedIn, token])
  const orderCounts = useRemote(() => (signedIn ? api.order.counts() : Promise.resolve(null)), [signedIn, token])
  // Points and orders change on other pages (check-in, checkout, the mall): read them again whenever 我的 shows.
  useDidShow(() => {
    if (!signedIn) return
    void points.refresh()
    void orderCounts.refresh()
  })
  // Signed in here (the browser build): the 购物车 tab shows that member's cart at once.
  useEffect(() => {
    if (token !== null) showCartBadge()
  }, [token])

  return (
    <View className='me'>
      {member ? (
        <MemberHeader member={member} balance={points.status === 'ready' ? points.data : null} />
      ) : profile.status === 'loading' ? (
        <StateView kind='loading' />
      ) : profile.status === 'error' ? (
        <StateView kind='error' message={profile.message} onRetry={profile.reload} />
      ) : (
        <View className='me__header'>
          <Avatar size='large' />
          <View className='me__identity'>
            <Text className='me__nickname'>还未登录</Text>
            <Text className='me__hint'>登录后可以看到会员价、等级与积分</Text>
          </View>
        </View>
      )}

      {member && <OrdersEntry counts={orderCounts.status === 'ready' ? orderCounts.data : null} />}

      {member && (
        <View className='me__shortcuts'>
          <Cell.Group>
            {shortcutsFor(member).map((shortcut) => (
              <Cell
                key={shortcut.url}
                title={shortcut.title}
                extra={
                  <>
                    <Text className='me__extra'>{shortcut.extra}</Text>
                    <Text className='me__chevron' aria-hidden>
                      ›
                    </Text>
                  </>
                }
                clickable
                onClick={() => Taro.navigateTo({ url: shortcut.url })}
              />
            ))}
          </Cell.Group>
        </View>
      )}

      <DevSignIn />
    </View>
  )
}

/** Saves a profile change; what the server refuses (a nickname too long, an avatar over 2 MB) is said in a toast. */
async function changeProfile(save: () => Promise<MemberView>, done: string): Promise<void> {
  try {
    const member = await save()
    // A new avatar reaches others once WeChat's content security passed it; the member sees it at once.
    if (member.avatarPending) void Taro.showToast({ title: '头像审核中，通过后他人可见', icon: 'none', duration: 2500 })
    else void Taro.showToast({ title: done, icon: 'success' })
  } catch (error) {
    const message = (error as { message?: string }).message ?? '保存失败，请重试'
    void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
  }
}

/** Uploads a picked image and makes it the member's avatar. */
function saveAvatar(picked: string): void {
  void changeProfile(async () => saveProfile({ avatar: await uploadImage(picked) }), '头像已更新')
}

/** The browser has no chooseAvatar: a photo is picked instead, once the member agreed to the privacy guide. */
async function pickAvatarPhoto(): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') return
  let picked: string | undefined
  try {
    picked = (await withPrivacyGuide(() => Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })))
      ?.tempFilePaths[0]
  } catch {
    return // The member closed the picker.
  }
  if (picked) saveAvatar(picked)
}

/** WeChat's 头像昵称填写: the avatar WeChat offers (or a photo) through chooseAvatar, the nickname through a nickname input. */
function MemberHeader({ member, balance }: { member: MemberView; balance: PointsBalance | null }) {
  const chooseAvatar = (event: { detail: { avatarUrl?: string } }) => {
    const picked = event.detail.avatarUrl
    if (picked) saveAvatar(picked)
  }
  const saveNickname = (value: string) => {
    const nickname = value.trim()
    if (nickname === '' || nickname === member.nickname) return
    void changeProfile(() => saveProfile({ nickname }), '昵称已更新')
  }
  return (
    <View className='me__header'>
      <Button
        className='me__avatar'
        openType='chooseAvatar'
        onChooseAvatar={chooseAvatar}
        onClick={() => void pickAvatarPhoto()}
        aria-label='更换头像'
      >
        <Avatar size='large' src={mediaUrl(member.avatar)} />
      </Button>
      <View className='me__identity'>
        <View className='me__name-row'>
          <Input
            key={member.nickname}
            className='me__nickname'
            type='nickname'
            maxlength={20}
            value={member.nickname}
            placeholder='填写昵称'
            aria-label='昵称'
            onBlur={(event) => saveNickname(event.detail.value)}
          />
        </View>
        {/* Under the name, not beside it: a text field keeps its own width whatever the name's length. */}
        <View className='me__roles'>
          <TierBadge tier={member.tier} />
          {member.roles.map((role) =>
            ROLE_NAMES[role] ? (
              <Text key={role} className='me__role'>
                {ROLE_NAMES[role]}
              </Text>
            ) : null,
          )}
        </View>
      </View>
      {balance && (
        <View
          className='me__points'
          role='button'
          aria-label={`积分 ${balance.available}`}
          onClick={() => Taro.navigateTo({ url: PAGES.points })}
        >
          <Text className='me__points-value'>{balance.available}</Text>
          <Text className='me__points-label'>积分 ›</Text>
        </View>
      )}
    </View>
  )
}
