import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Switch } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { MemberPreferences } from '../../../../types/api'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { privacyApi } from '../../../services/privacy'
import { showFailure } from '../../../utils/feedback'

/** 个性化推荐与定向活动: on by default (the 推荐 feed ranked by engagement); off means a newest-first feed and no profiling tags, so tag-targeted campaigns stop reaching the member. */
export function Personalisation({ token }: { token: string | null }) {
  const preferences = useRemote(() => privacyApi.preferences(), [token])
  // The server's answer to the last change, shown until the preferences are loaded again.
  const [saved, setSaved] = useState<MemberPreferences | null>(null)

  const change = async (personalised: boolean) => {
    try {
      setSaved(await privacyApi.setPreferences(personalised))
      Taro.showToast({ title: personalised ? '已开启个性化推荐' : '已关闭个性化推荐', icon: 'none' })
    } catch (error) {
      showFailure(error)
    }
  }

  if (preferences.status === 'loading') return <StateView kind='loading' />
  if (preferences.status === 'error') return <StateView kind='error' message={preferences.message} onRetry={preferences.reload} />
  const current = saved ?? preferences.data

  return (
    <View className='privacy-box privacy-personal'>
      <View className='privacy-personal__row'>
        <Text className='privacy-personal__title'>个性化推荐与定向活动</Text>
        <Switch className='privacy-personal__switch' checked={current.personalised} onChange={change} />
      </View>
      <Text className='privacy-note'>
        {current.personalised
          ? '已开启：首页种草按大家的点赞、评论、收藏和下单热度并结合发布时间推荐；我们会根据你的购买记录生成分群标签，面向特定人群的活动可以触达你。'
          : '已关闭：首页种草按发布时间从新到旧展示；我们不再为你生成分群标签，已有标签已删除，只面向特定标签人群的活动将不会触达你。'}
      </Text>
      <Text className='privacy-note'>无论开关与否，会员价、等级和积分规则完全相同。</Text>
    </View>
  )
}
