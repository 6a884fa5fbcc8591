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
    .filter((line) => line !== '' && !/^"?(orderNo|订单号|订单编号)"?([,，\t]|$)/i.test(line))
    .map((line) => {
      // Sheets quote cells when they save CSV ("2026…","顺丰速运",…): the quotes are not part of the value.
      const [orderId = '', carrier = '', trackingNo = ''] = line.split(/[,，\t]/).map((cell) =>
        cell
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .trim(),
      )
      return { orderId, carrier, trackingNo }
    })
}
