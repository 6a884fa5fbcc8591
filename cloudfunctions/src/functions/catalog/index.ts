import { cloudbaseFunction } from '../cloudbase'
import { catalog } from './actions'

export const main = cloudbaseFunction(catalog)
