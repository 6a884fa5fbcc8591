export default definePageConfig({
  navigationBarTitleText: '我的种草',
  enablePullDownRefresh: true,
})
