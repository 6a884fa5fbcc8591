export interface Slice<T> {
  items: T[]
  total: number
}
