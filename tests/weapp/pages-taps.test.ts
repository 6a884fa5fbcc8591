import { CONSUMER, describeWeappTaps } from './pages'

// Its own process: the base library runs each page's code once per process.
describeWeappTaps(CONSUMER)
