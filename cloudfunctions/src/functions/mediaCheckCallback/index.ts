import { cloudbaseMediaCheckCallback } from '../cloudbase'

export const main = cloudbaseMediaCheckCallback()
