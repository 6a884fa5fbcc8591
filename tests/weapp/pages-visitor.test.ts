import { describeWeappPages } from './pages'

// A person WeChat knows (an OPENID) whom the shop has not seen before.
describeWeappPages('a visitor', 'weapp-visitor')
