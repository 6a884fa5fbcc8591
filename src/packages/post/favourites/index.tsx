import Taro from '@tarojs/taro'
import { MemberList } from '../../../components'
import { useMemberList } from '../../../hooks/useMemberList'
import { postApi } from '../../../services/posts'
import { PAGES } from '../../../utils/routes'
import { FavouriteCard } from './FavouriteCard'
import './index.scss'

const goHome = () => Taro.switchTab({ url: PAGES.home })

/** 我的收藏: the posts the member keeps, newest first. */
export default function FavouritesPage() {
  const favourites = useMemberList((request) => postApi.favourites(request), [])
  return (
    <MemberList
      list={favourites}
      signedOut={{ title: '登录后查看我的收藏', description: '在“我的”页登录后，可以收藏喜欢的种草' }}
      empty={{ title: '还没有收藏', description: '在种草详情页点“收藏”，就能在这里找到它', action: { text: '去看种草', onClick: goHome } }}
      itemsClassName='favourites'
    >
      {(favourite) => <FavouriteCard key={favourite.postId} favourite={favourite} onRemoved={() => void favourites.reload()} />}
    </MemberList>
  )
}
