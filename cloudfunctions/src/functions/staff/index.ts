import { cloudbaseFunction } from '../cloudbase'
import { staff } from './actions'

export const main = cloudbaseFunction(staff)
