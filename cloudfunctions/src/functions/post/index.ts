import { cloudbaseFunction } from '../cloudbase'
import { post } from './actions'

export const main = cloudbaseFunction(post)
