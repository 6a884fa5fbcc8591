import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro'
import { ListFooter, ProductCard, StateView, TierBadge } from '../../components'
import { usePagedList } from '../../hooks/usePagedList'
import { useRemote } from '../../hooks/useRemote'
import { api } from '../../services/api'
import { useSession } from '../../stores/session'
import { LOST_ROUTE, PAGES, withQuery } from '../../utils/routes'
import { CampaignStrip } from './CampaignStrip'
import { FollowingFeed } from './FollowingFeed'
import { PostCard } from './PostCard'
import './index.scss'

const FEATURED_COUNT = 6
const FEED_PAGE_SIZE = 10

export default function HomePage() {
  const member = useSession((session) => session.member)
  // Prices differ per tier, so signing in or out reloads what is on screen.
  const token = useSession((session) => session.token)
  const featured = useRemote(() => api.catalog.products({ featured: true, pageSize: FEATURED_COUNT }), [token])
  const feed = usePagedList((page, cursor) => api.catalog.feed({ page, pageSize: FEED_PAGE_SIZE, cursor: cursor ?? undefined }), [token])
  const [campaignRefreshes, setCampaignRefreshes] = useState(0)
  // 推荐 or 关注.
  const [following, setFollowing] = useState(false)

  useLoad((params: Record<string, string | undefined>) => {
    if (params[LOST_ROUTE]) void Taro.showToast({ title: '没有找到这个页面，已为你打开首页', icon: 'none', duration: 3000 })
  })

  // 关注 loads its own next page.
  useReachBottom(() => {
    if (!following) void feed.loadMore()
  })

  usePullDownRefresh(async () => {
    setCampaignRefreshes((count) => count + 1)
    await Promise.all([featured.reload(), feed.reload()])
    Taro.stopPullDownRefresh()
  })

  useShareAppMessage(() => ({
    title: '私域好物：会员价好物和真实种草',
    path: withQuery(PAGES.home, { sc: useSession.getState().member?.shareCode }),
  }))

  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__brand'>私域好物</Text>
        {member ? (
          <View className='home__greeting'>
            <Text>你好，{member.nickname}</Text>
            <TierBadge tier={member.tier} />
          </View>
        ) : (
          <Text className='home__greeting'>会员专享价，等级越高越优惠</Text>
        )}
      </View>
      <CampaignStrip refreshKey={campaignRefreshes} />

      <View className='section-title'>
        <Text>精选好物</Text>
        <Text className='section-title__hint' onClick={() => Taro.switchTab({ url: PAGES.category })}>
          全部分类
        </Text>
      </View>
      {featured.status === 'loading' && <StateView kind='loading' />}
      {featured.status === 'error' && <StateView kind='error' message={featured.message} onRetry={featured.reload} />}
      {featured.status === 'ready' &&
        (featured.data.items.length === 0 ? (
          <StateView kind='empty' title='精选好物正在上架' description='稍后再来看看' />
        ) : (
          <View className='home__featured'>
            {featured.data.items.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </View>
        ))}

      <View className='section-title'>
        <View className='home__tabs' role='tablist' aria-label='种草'>
          {['推荐', '关注'].map((title, i) => {
            const on = following === i > 0
            return (
              <View
                key={title}
                role='tab'
                aria-selected={on}
                className={on ? 'home__tab home__tab--on' : 'home__tab'}
                onClick={() => setFollowing(i > 0)}
              >
                {title}
              </View>
            )
          })}
        </View>
        <Text className='section-title__hint' onClick={() => Taro.navigateTo({ url: PAGES.writePost })}>
          写种草，分享真实体验 ›
        </Text>
      </View>
      {following ? (
        <FollowingFeed onDiscover={() => setFollowing(false)} />
      ) : feed.status === 'loading' ? (
        <StateView kind='loading' />
      ) : feed.status === 'error' ? (
        <StateView kind='error' message={feed.message} onRetry={feed.reload} />
      ) : feed.items.length === 0 ? (
        <StateView kind='empty' title='还没有种草内容' description='新的好物分享很快就来' />
      ) : (
        <View className='home__feed'>
          {feed.items.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
          <ListFooter more={feed.more} hasMore={feed.hasMore} onRetry={feed.loadMore} />
        </View>
      )}
    </View>
  )
}
