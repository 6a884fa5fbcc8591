import { HOUR_MS } from '../../core/time'

/** Windows people read (campaigns, group-buys, the mall) start and end on the hour, as an operator would set them. */
export const onTheHour = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS
