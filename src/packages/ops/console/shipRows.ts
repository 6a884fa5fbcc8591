/** One pasted shipping row, as the server takes it. */
export interface PastedRow {
  orderId: string
  carrier: string
  trackingNo: string
}

/**
 * `orderNo,carrier,trackingNo` lines (commas or tabs, as pasted from a sheet) to rows; blank lines
 * and a header line are skipped. Rows are sent as they are: the server answers each one, so a wrong
 * row is reported rather than silently dropped here.
 */
export function parseShipRows(text: string): PastedRow[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(orderNo|订单号)([,，\t]|$)/i.test(line))
    .map((line) => {
      const [orderId = '', carrier = '', trackingNo = ''] = line.split(/[,，\t]/).map((cell) => cell.trim())
      return { orderId, carrier, trackingNo }
    })
}
