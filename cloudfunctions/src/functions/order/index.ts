import { cloudbaseFunction } from '../cloudbase'
import { order } from './actions'

export const main = cloudbaseFunction(order)
