export default definePageConfig({
  navigationBarTitleText: '申请成为分销员',
})
