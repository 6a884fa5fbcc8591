import { STORE_ADAPTERS } from '../support/adapters'
import { feedContract } from './feed.contract'

for (const [adapter, open] of STORE_ADAPTERS) feedContract(adapter, open)
