import { cloudbasePayCallback } from '../cloudbase'

export const main = cloudbasePayCallback('refund')
