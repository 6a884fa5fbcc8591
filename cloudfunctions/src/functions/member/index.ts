import { cloudbaseFunction } from '../cloudbase'
import { member } from './actions'

export const main = cloudbaseFunction(member)
