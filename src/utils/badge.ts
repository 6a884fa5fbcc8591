/** A count as a badge shows it: what fits on the badge. */
export const badgeText = (count: number): string => (count > 99 ? '99+' : String(count))
