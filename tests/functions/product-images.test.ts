// catalog.saveProduct reads every new uploaded image back and checks it by its content and size, on
// both adapters, before anything is written; images the product already had are not read again.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProductInput } from '../../types/api'
import type { Product } from '../../types/domain'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { IMAGE_KINDS, MAX_IMAGE_BYTES, imageProblem } from '../../cloudfunctions/src/core/images'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
const name = (n: number, ext = 'jpg') => `${String(n).repeat(16)}.${ext}`
let uploads: string

beforeAll(() => {
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-uploads-'))
  fs.writeFileSync(path.join(uploads, name(1)), JPEG)
  fs.writeFileSync(path.join(uploads, name(2, 'png')), PNG)
  fs.writeFileSync(path.join(uploads, name(3)), '<html>not an image</html>')
  fs.writeFileSync(path.join(uploads, name(4)), Buffer.concat([JPEG, Buffer.alloc(MAX_IMAGE_BYTES)]))
})
afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }))

const draft = (images: string[]): ProductInput => ({
  requestId: `images-${images.length}-${images.join('').length}`,
  categoryId: 'c-tea',
  title: '图片检查茶',
  subtitle: '',
  detail: '',
  images,
  tags: [],
  featured: false,
  memberPrices: true,
  commissionBps: null,
  limits: null,
  skus: [{ specs: { 规格: '50g' }, price: 8_800, initialStock: 1 }],
})

describe('an image by its content', () => {
  it('is a JPEG, PNG or WebP within 2 MB, whatever it is called', () => {
    expect(IMAGE_KINDS.map((k) => k.ext)).toEqual(['jpg', 'png', 'webp'])
    expect(imageProblem(JPEG)).toBeNull()
    expect(imageProblem(PNG)).toBeNull()
    expect(imageProblem(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBeNull()
    expect(imageProblem(Buffer.from('GIF89a-----'))).toBe('不是 JPEG、PNG 或 WebP 图片')
    expect(imageProblem(null)).toBe('找不到，请重新上传')
    expect(imageProblem(Buffer.concat([JPEG, Buffer.alloc(MAX_IMAGE_BYTES)]))).toBe('超过 2 MB，请换一张小一些的')
  })
})

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`product images checked on save over ${adapter}`, () => {
    let store: Store
    const clock = new SteppedClock(T0)
    const save = (input: unknown, pay: LocalPayProvider) =>
      dispatch(FUNCTIONS.catalog, { action: 'saveProduct', data: input }, { store, pay, now: clock.now(), memberId: 'merch' })

    beforeEach(async () => {
      store = open()
      await smallShop(store)
      await saveMember(store, member('merch', 1, { roles: ['operator', 'merchandiser'], shareCode: 'MERCH234' }))
    })

    it('takes uploaded pictures, and the shop’s own images unread', async () => {
      const pay = new LocalPayProvider(store, clock, uploads)
      const saved = await save(draft([`/media/uploads/${name(1)}`, `/media/uploads/${name(2, 'png')}`, '/media/products/p1-1.jpg']), pay)
      expect(saved).toMatchObject({
        ok: true,
        data: { images: [`/media/uploads/${name(1)}`, `/media/uploads/${name(2, 'png')}`, '/media/products/p1-1.jpg'] },
      })
    })

    it('refuses a file that is no picture, one over 2 MB and one never uploaded, naming each, writing nothing', async () => {
      const pay = new LocalPayProvider(store, clock, uploads)
      const refused = await save(
        draft([`/media/uploads/${name(1)}`, `/media/uploads/${name(3)}`, `/media/uploads/${name(4)}`, `/media/uploads/${name(5)}`]),
        pay,
      )
      expect(refused).toEqual({
        ok: false,
        code: 'INVALID_PAYLOAD',
        message: '第 2 张图片不是 JPEG、PNG 或 WebP 图片；第 3 张图片超过 2 MB，请换一张小一些的；第 4 张图片找不到，请重新上传',
      })
      expect((await store.listStaffProducts({ text: '图片检查茶', offset: 0, limit: 5 })).total).toBe(0)
    })

    it('reads only the images an edit adds', async () => {
      const saved = await save(draft([`/media/uploads/${name(1)}`]), new LocalPayProvider(store, clock, uploads))
      const product = (saved as { data: Product }).data
      // A shop that can no longer read that upload still takes an edit that keeps it, and refuses one that adds another.
      const blind = new LocalPayProvider(store, clock, null)
      const edit = {
        ...draft([`/media/uploads/${name(1)}`]),
        id: product.id,
        requestId: 'images-edit-0001',
        title: '改名的茶',
        skus: [{ id: product.skus[0].id, specs: { 规格: '50g' }, price: 8_800 }],
      }
      expect(await save(edit, blind)).toMatchObject({ ok: true, data: { title: '改名的茶' } })
      const adding = { ...edit, requestId: 'images-edit-0002', images: [`/media/uploads/${name(1)}`, `/media/uploads/${name(2, 'png')}`] }
      expect(await save(adding, blind)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', message: '第 2 张图片找不到，请重新上传' })
    })
  })
}
