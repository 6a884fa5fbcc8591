import { cloudbaseFunction } from '../cloudbase'
import { campaign } from './actions'

export const main = cloudbaseFunction(campaign)
