import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { GroupBuyCard } from '../../../../types/api'
import { ListFooter, StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { groupbuyApi } from '../../../services/groupbuy'
import { mediaUrl } from '../../../services/media'
import { useSession } from '../../../stores/session'
import { formatFen } from '../../../utils/money'
import { PAGES, productPath } from '../../../utils/routes'
import { shanghaiDateTime } from '../../../utils/time'
import { REFUND_RULE, teamSizeLabel, timeLimitLabel } from '../shared/labels'
import './index.scss'

const PAGE_SIZE = 10

export default function GroupBuyListPage() {
  // Whether one may open a team, and member-only campaigns, depend on who is asking.
  const token = useSession((session) => session.token)
  const campaigns = usePagedList((page) => groupbuyApi.list({ page, pageSize: PAGE_SIZE }), [token])

  useReachBottom(() => {
    void campaigns.loadMore()
  })

  usePullDownRefresh(async () => {
    await campaigns.reload()
    Taro.stopPullDownRefresh()
  })

  let content: ReactNode
  if (campaigns.status === 'loading') {
    content = <StateView kind='loading' />
  } else if (campaigns.status === 'error') {
    content = <StateView kind='error' message={campaigns.message} onRetry={campaigns.reload} />
  } else if (campaigns.items.length === 0) {
    content = (
      <StateView
        kind='empty'
        title='暂时没有进行中的拼团'
        description='新的拼团上线后会出现在这里'
        action={{ text: '去首页逛逛', onClick: () => Taro.switchTab({ url: PAGES.home }) }}
      />
    )
  } else {
    content = (
      <View className='gb-list__items'>
        {campaigns.items.map((card) => (
          <CampaignCard key={card.id} card={card} />
        ))}
        <ListFooter more={campaigns.more} hasMore={campaigns.hasMore} onRetry={campaigns.loadMore} />
      </View>
    )
  }

  return (
    <View className='gb-list'>
      <View className='gb-list__header'>
        <View className='gb-list__intro'>
          <Text className='gb-list__heading'>好友拼团</Text>
          <Text className='gb-list__rule'>{REFUND_RULE}，款项原路退回</Text>
        </View>
        <Text className='gb-list__mine' onClick={() => Taro.navigateTo({ url: PAGES.myTeams })}>
          我的拼团 ›
        </Text>
      </View>
      {content}
    </View>
  )
}

/** One campaign: the product, the team size, the team price against the list price, what is left and until when. */
function CampaignCard({ card }: { card: GroupBuyCard }) {
  const soldOut = card.stockLeft <= 0
  return (
    <View className={`gb-card${soldOut ? ' gb-card--sold-out' : ''}`} onClick={() => Taro.navigateTo({ url: productPath(card.productId) })}>
      <View className='gb-card__cover-box'>
        <Image className='gb-card__cover' src={mediaUrl(card.cover)} mode='aspectFill' lazyLoad />
        {soldOut && <Text className='gb-card__sold-out'>已抢光</Text>}
      </View>
      <View className='gb-card__body'>
        <View className='gb-card__title-row'>
          <Text className='gb-size'>{teamSizeLabel(card.teamSize)}</Text>
          <Text className='gb-card__title'>{card.title}</Text>
        </View>
        {card.productTitle !== card.title && <Text className='gb-card__product'>{card.productTitle}</Text>}
        <View className='gb-card__prices'>
          <Text className='gb-card__price-label'>拼团价</Text>
          <Text className='gb-price gb-card__price'>{formatFen(card.teamPrice)}</Text>
          <Text className='gb-list-price'>{formatFen(card.price)}</Text>
        </View>
        <View className='gb-card__facts'>
          <Text className='gb-card__stock'>{soldOut ? '名额已抢光' : `剩余 ${card.stockLeft} 份`}</Text>
          {card.openTeams > 0 && <Text>{card.openTeams} 个团正在拼</Text>}
          <Text>限时 {timeLimitLabel(card.timeLimitMs)}成团</Text>
        </View>
        <Text className='gb-card__end'>{shanghaiDateTime(card.endAt)} 结束</Text>
      </View>
    </View>
  )
}
