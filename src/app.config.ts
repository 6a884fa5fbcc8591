export default defineAppConfig({
  pages: ['pages/home/index', 'pages/category/index', 'pages/cart/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/product', pages: ['detail/index'] },
    { root: 'packages/post', pages: ['detail/index', 'write/index', 'mine/index', 'favourites/index', 'topic/index', 'creator/index'] },
    { root: 'packages/order', pages: ['list/index', 'checkout/index', 'detail/index', 'refund/index'] },
    { root: 'packages/member', pages: ['center/index', 'privacy/index'] },
    { root: 'packages/address', pages: ['book/index'] },
    { root: 'packages/points', pages: ['center/index', 'checkin/index'] },
    { root: 'packages/redeem', pages: ['mall/index', 'detail/index', 'mine/index'] },
    { root: 'packages/groupbuy', pages: ['list/index', 'team/index', 'mine/index', 'checkout/index'] },
    { root: 'packages/distributor', pages: ['center/index', 'apply/index', 'withdraw/index', 'withdrawals/index'] },
    // The staff console: reached from 我的 by staff only; the page and every action refuse everyone else.
    { root: 'packages/ops', pages: ['console/index'] },
  ],
  // Products are opened from both browsing tabs, and checkout from the cart and product pages,
  // so fetch those packages ahead of the tap.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/product', 'packages/post'] },
    'pages/category/index': { network: 'all', packages: ['packages/product'] },
    'pages/cart/index': { network: 'all', packages: ['packages/order'] },
    'packages/product/detail/index': { network: 'all', packages: ['packages/order'] },
  },
  lazyCodeLoading: 'requiredComponents',
  // Privacy APIs wait for the member's agreement to the privacy guide (PrivacyNotice answers WeChat's ask).
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '私域好物',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#999999',
    selectedColor: '#d9363e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/category/index',
        text: '分类',
        iconPath: 'assets/tab/category.png',
        selectedIconPath: 'assets/tab/category-active.png',
      },
      {
        pagePath: 'pages/cart/index',
        text: '购物车',
        iconPath: 'assets/tab/cart.png',
        selectedIconPath: 'assets/tab/cart-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
})
