import { cloudbaseTransferCallback } from '../cloudbase'

export const main = cloudbaseTransferCallback()
