import { memo, useDeferredValue, useLayoutEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro'
import { ListFooter, ProductCard, StateView, TierBadge } from '../../components'
import { type PagedList, usePagedList } from '../../hooks/usePagedList'
import { useRemote } from '../../hooks/useRemote'
import { useSession } from '../../stores/session'
import type { FeedPost } from '../../../types/api'
import { LOST_ROUTE, PAGES, withQuery } from '../../utils/routes'
import { CampaignStrip } from './CampaignStrip'
import { firstAnswer, homeDrawn } from './firstAnswers'
import { FollowingFeed } from './FollowingFeed'
import { PostCard } from './PostCard'
import { homeRequests } from './requests'
import './index.scss'

export default function HomePage() {
  // The 购物车 tab's badge is a member's: a visitor's first screen never loads its code.
  useDidShow(() => {
    if (process.env.TARO_ENV === 'weapp' || useSession.getState().token !== null)
      void import('../../services/cartBadge').then((badge) => badge.showCartBadge())
  })
  const member = useSession((session) => session.member)
  // Prices differ per tier, so signing in or out reloads what is on screen.
  const token = useSession((session) => session.token)
  // The first load of each takes the answer the browser asked for at launch, when there is one.
  const featured = useRemote(() => firstAnswer('featured', homeRequests.featured), [token])
  const feed = usePagedList(
    (page, cursor) => (page === 1 ? firstAnswer('feed', () => homeRequests.feedPage(1)) : homeRequests.feedPage(page, cursor)),
    [token],
  )
  // When the feed and the featured products arrive together, the products are drawn first and the
  // feed's posts (the larger part of the page) just after, so the first products show sooner.
  const feedItems = useDeferredValue(feed.items)
  const feedStatus = useDeferredValue(feed.status)
  const [campaignRefreshes, setCampaignRefreshes] = useState(0)
  // 推荐 or 关注.
  const [following, setFollowing] = useState(false)
  // Before the frame that shows the page's own products, so the first screen and the page never show together.
  useLayoutEffect(() => {
    if (featured.status !== 'loading') homeDrawn()
  }, [featured.status])

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
      ) : (
        <RecommendedFeed
          status={feedStatus}
          items={feedItems}
          message={feed.message}
          more={feed.more}
          hasMore={feed.hasMore}
          onReload={feed.reload}
          onMore={feed.loadMore}
        />
      )}
    </View>
  )
}

type RecommendedFeedProps = Pick<PagedList<FeedPost>, 'status' | 'items' | 'message' | 'more' | 'hasMore'> & {
  onReload: () => void
  onMore: () => void
}

/** 推荐: the feed's posts, or its loading, failure or empty state. */
const RecommendedFeed = memo(function RecommendedFeed({ status, items, message, more, hasMore, onReload, onMore }: RecommendedFeedProps) {
  if (status === 'loading') return <StateView kind='loading' />
  if (status === 'error') return <StateView kind='error' message={message} onRetry={onReload} />
  if (items.length === 0) return <StateView kind='empty' title='还没有种草内容' description='新的好物分享很快就来' />
  return (
    <View className='home__feed'>
      {items.map((post) => (
        <PostCard key={post.id} post={post} />
      ))}
      <ListFooter more={more} hasMore={hasMore} onRetry={onMore} />
    </View>
  )
})
