import { cloudbaseFunction } from '../cloudbase'
import { distribution } from './actions'

export const main = cloudbaseFunction(distribution)
