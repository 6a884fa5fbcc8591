export default definePageConfig({
  navigationBarTitleText: '私域好物',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
})
