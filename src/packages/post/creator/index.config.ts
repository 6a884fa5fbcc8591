export default definePageConfig({
  navigationBarTitleText: '创作者主页',
  enablePullDownRefresh: true,
})
