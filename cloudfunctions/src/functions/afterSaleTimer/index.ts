import { jobNamed } from '../../app/jobs'
import { cloudbaseTimer } from '../cloudbase'

export const main = cloudbaseTimer(jobNamed('afterSaleTimer'))
