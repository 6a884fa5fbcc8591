import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Staff merchandising (merchandiser role; the server checks it): every product, the shelf, stock. */
export const merchandisingApi = {
  products: (req: Req<'catalog', 'staffProducts'>) => callFunction('catalog', 'staffProducts', req),
  shelve: (productId: string, on: boolean) => callFunction('catalog', 'shelve', { productId, on }),
  adjustStock: (req: Req<'catalog', 'adjustStock'>) => callFunction('catalog', 'adjustStock', req),
  saveProduct: (req: Req<'catalog', 'saveProduct'>) => callFunction('catalog', 'saveProduct', req),
}
