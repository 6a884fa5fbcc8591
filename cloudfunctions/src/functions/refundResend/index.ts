import { JOBS } from '../../app/jobs'
import { cloudbaseTimer } from '../cloudbase'

export const main = cloudbaseTimer(JOBS.find((job) => job.name === 'refundResend')!)
