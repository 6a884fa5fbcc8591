export default definePageConfig({
  navigationBarTitleText: '写种草',
})
