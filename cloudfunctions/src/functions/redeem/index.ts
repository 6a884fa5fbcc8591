import { cloudbaseFunction } from '../cloudbase'
import { redeem } from './actions'

export const main = cloudbaseFunction(redeem)
