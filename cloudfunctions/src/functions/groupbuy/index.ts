import { cloudbaseFunction } from '../cloudbase'
import { groupbuy } from './actions'

export const main = cloudbaseFunction(groupbuy)
