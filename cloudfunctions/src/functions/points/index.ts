import { cloudbaseFunction } from '../cloudbase'
import { points } from './actions'

export const main = cloudbaseFunction(points)
