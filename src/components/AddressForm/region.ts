/**
 * 所在地区 from its three parts (省, 市, 区), as WeChat's region picker and chooseAddress give them.
 * Municipalities repeat the city as the province (北京市 北京市 东城区), and a county a province governs
 * directly repeats itself (湖北省 仙桃市 仙桃市): each part is written once.
 */
export function regionOf(parts: readonly string[]): string {
  return parts.filter((part, index) => part && parts.indexOf(part) === index).join('')
}
