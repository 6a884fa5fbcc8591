import { cloudbasePayCallback } from '../cloudbase'

export const main = cloudbasePayCallback('payment')
