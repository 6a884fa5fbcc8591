import { beforeEach, describe, expect, it } from 'vitest'
import type { AddressBookView, AddressSaved } from '../../types/api'
import type { Address } from '../../types/domain'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { ok } from '../support/calls'
import { SteppedClock, T0, smallShop } from '../support/fixtures'

const HOME: Address = { name: '张三', phone: '13800000000', region: '浙江省杭州市西湖区', detail: '龙井路 1 号' }
const OFFICE: Address = { name: '张三', phone: '13800000000', region: '浙江省杭州市滨江区', detail: '网商路 699 号' }
const PARENTS: Address = { name: '张大山', phone: '13900000001', region: '湖南省长沙市岳麓区', detail: '麓山南路 2 号' }

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`the address book over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    let clock: SteppedClock
    let requests = 0
    const call = (action: string, data: unknown, memberId: string | null = 'v1') => {
      clock.advance(1000)
      return dispatch(FUNCTIONS.member, { action, data }, { store, pay, now: clock.now(), memberId })
    }
    const add = (address: Address, extra: Record<string, unknown> = {}, memberId = 'v1') =>
      ok<AddressSaved>(call('addAddress', { requestId: `address-${(requests += 1)}`, address, ...extra }, memberId))
    const book = (memberId = 'v1') => ok<AddressBookView>(call('addresses', {}, memberId))
    /** The book as each entry's name and detail, the default marked. */
    const shown = async (memberId = 'v1') => (await book(memberId)).addresses.map((a) => `${a.isDefault ? '*' : ''}${a.detail}`)

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
    })

    it('starts empty, and the first address added becomes the default', async () => {
      expect(await book()).toEqual({ addresses: [], limit: 20 })
      const { address, addresses } = await add(HOME)
      expect(address).toMatchObject({ ...HOME, isDefault: true })
      expect(address.id).toMatch(/^ad[0-9a-f]{22}$/)
      expect(addresses).toEqual([address])
      await add(OFFICE)
      expect(await shown()).toEqual(['*龙井路 1 号', '网商路 699 号'])
    })

    it('trims what the member typed, as checkout does', async () => {
      const { address } = await add({ name: ' 张三 ', phone: '13800000000', region: ' 浙江省杭州市西湖区 ', detail: ' 龙井路 1 号 ' })
      expect(address).toMatchObject(HOME)
    })

    it('lists the default first, then the most recently used', async () => {
      await add(HOME)
      await add(OFFICE)
      await add(PARENTS)
      expect(await shown()).toEqual(['*龙井路 1 号', '麓山南路 2 号', '网商路 699 号'])
    })

    it('makes another address the default, leaving exactly one', async () => {
      await add(HOME)
      const office = (await add(OFFICE)).address
      const after = await ok<AddressBookView>(call('setDefaultAddress', { addressId: office.id }))
      expect(after.addresses.filter((a) => a.isDefault).map((a) => a.id)).toEqual([office.id])
      expect(await shown()).toEqual(['*网商路 699 号', '龙井路 1 号'])
      const parents = await add(PARENTS, { makeDefault: true })
      expect(parents.address.isDefault).toBe(true)
      expect(await shown()).toEqual(['*麓山南路 2 号', '网商路 699 号', '龙井路 1 号'])
    })

    it('edits an address in place, optionally making it the default', async () => {
      const home = (await add(HOME)).address
      const office = (await add(OFFICE)).address
      const edited = await ok<AddressSaved>(call('editAddress', { addressId: office.id, address: { ...OFFICE, detail: '网商路 700 号' } }))
      expect(edited.address).toMatchObject({ id: office.id, detail: '网商路 700 号', isDefault: false })
      await ok(call('editAddress', { addressId: office.id, address: OFFICE, makeDefault: true }))
      expect(await shown()).toEqual(['*网商路 699 号', '龙井路 1 号'])
      expect((await book()).addresses.map((a) => a.id).sort()).toEqual([home.id, office.id].sort())
    })

    it('deleting the default promotes the most recently used one; deleting the last leaves an empty book', async () => {
      const home = (await add(HOME)).address
      const office = (await add(OFFICE)).address
      await add(PARENTS)
      // Editing the office makes it the most recently used, ahead of the parents' address added later.
      await ok(call('editAddress', { addressId: office.id, address: OFFICE }))
      expect(await ok(call('deleteAddress', { addressId: home.id }))).toMatchObject({ addresses: [{ id: office.id, isDefault: true }, {}] })
      expect(await shown()).toEqual(['*网商路 699 号', '麓山南路 2 号'])
      await ok(call('deleteAddress', { addressId: office.id }))
      expect(await shown()).toEqual(['*麓山南路 2 号'])
      const [last] = (await book()).addresses
      expect(await ok(call('deleteAddress', { addressId: last.id }))).toEqual({ addresses: [], limit: 20 })
      // Deleting a non-default address leaves the default where it is.
      await add(HOME)
      const later = (await add(OFFICE)).address
      await ok(call('deleteAddress', { addressId: later.id }))
      expect(await shown()).toEqual(['*龙井路 1 号'])
    })

    it('keeps an address once: a retried request, or the same address saved again, adds nothing', async () => {
      const first = await ok<AddressSaved>(call('addAddress', { requestId: 'same-request', address: HOME }))
      const again = await ok<AddressSaved>(call('addAddress', { requestId: 'same-request', address: HOME }))
      expect(again.address.id).toBe(first.address.id)
      await add(OFFICE)
      const savedAgain = await add(HOME)
      expect(savedAgain.address.id).toBe(first.address.id)
      expect(savedAgain.addresses).toHaveLength(2)
    })

    it('keeps at most 20 addresses: the 21st is refused with ADDRESS_BOOK_FULL and a clear message, changing nothing', async () => {
      for (let n = 1; n <= 20; n += 1) await add({ ...HOME, detail: `龙井路 ${n} 号` })
      const before = await book()
      expect(before.addresses).toHaveLength(20)
      const answer = await call('addAddress', { requestId: 'one-too-many', address: PARENTS })
      expect(answer).toMatchObject({ ok: false, code: 'ADDRESS_BOOK_FULL' })
      expect((answer as { message: string }).message).toBe('地址簿最多保存 20 个地址，请先删除不再使用的地址')
      expect(await book()).toEqual(before)
      // An address already kept is still saved again (it adds nothing), and room made is room to add.
      expect(await call('addAddress', { requestId: 'kept-one', address: { ...HOME, detail: '龙井路 3 号' } })).toMatchObject({ ok: true })
      await ok(call('deleteAddress', { addressId: before.addresses[19].id }))
      expect((await add(PARENTS)).addresses).toHaveLength(20)
    })

    const valid = { requestId: 'bad-input-1', address: HOME }
    it.each([
      ['no address', { requestId: 'bad-input-1' }, 'address'],
      ['no request id', { address: HOME }, 'requestId'],
      ['an empty name', { ...valid, address: { ...HOME, name: '  ' } }, '至少 1 个字'],
      ['a name over 20 characters', { ...valid, address: { ...HOME, name: '张'.repeat(21) } }, '最多 20 个字'],
      ['a landline number', { ...valid, address: { ...HOME, phone: '057188888888' } }, '请填写 11 位手机号'],
      ['a phone that is not a mainland mobile', { ...valid, address: { ...HOME, phone: '12800000000' } }, '请填写 11 位手机号'],
      ['a phone with a country code', { ...valid, address: { ...HOME, phone: '+8613800000000' } }, '请填写 11 位手机号'],
      ['a phone as a number', { ...valid, address: { ...HOME, phone: 13800000000 } }, '应为字符串'],
      ['a region of one character', { ...valid, address: { ...HOME, region: '浙' } }, '至少 2 个字'],
      ['a region over 50 characters', { ...valid, address: { ...HOME, region: '浙'.repeat(51) } }, '最多 50 个字'],
      ['a detail of one character', { ...valid, address: { ...HOME, detail: '1' } }, '至少 2 个字'],
      ['a detail over 100 characters', { ...valid, address: { ...HOME, detail: '路'.repeat(101) } }, '最多 100 个字'],
      ['an address field too many', { ...valid, address: { ...HOME, zip: '310000' } }, 'zip'],
      ['whose book it is, in the payload', { ...valid, memberId: 'v4' }, 'memberId'],
      ['a default flag that is not a boolean', { ...valid, makeDefault: 'yes' }, '应为布尔值'],
      ['a malformed request id', { ...valid, requestId: 'x' }, '应为 8–64 位字母数字'],
    ])('refuses to add with %s: INVALID_PAYLOAD and nothing kept', async (_what, data, message) => {
      await add(OFFICE)
      const before = await book()
      const answer = await call('addAddress', data)
      expect(answer).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect((answer as { message: string }).message).toContain(message)
      expect(await book()).toEqual(before)
    })

    it('refuses bad edits, deletions and defaults with a typed code, changing nothing', async () => {
      const home = (await add(HOME)).address
      await add(OFFICE)
      const before = await book()
      const refusals: [string, unknown, string][] = [
        ['editAddress', { addressId: home.id, address: { ...HOME, phone: '1380000' } }, 'INVALID_PAYLOAD'],
        ['editAddress', { addressId: home.id }, 'INVALID_PAYLOAD'],
        ['editAddress', { addressId: home.id, address: HOME, makeDefault: 1 }, 'INVALID_PAYLOAD'],
        ['editAddress', { addressId: 'ad0000000000000000000000', address: HOME }, 'ADDRESS_NOT_FOUND'],
        ['editAddress', { addressId: 'not-an-address', address: HOME }, 'ADDRESS_NOT_FOUND'],
        ['deleteAddress', {}, 'INVALID_PAYLOAD'],
        ['deleteAddress', { addressId: 42 }, 'INVALID_PAYLOAD'],
        ['deleteAddress', { addressId: 'ad0000000000000000000000' }, 'ADDRESS_NOT_FOUND'],
        ['setDefaultAddress', { addressId: [home.id] }, 'INVALID_PAYLOAD'],
        ['setDefaultAddress', { addressId: home.id, isDefault: false }, 'INVALID_PAYLOAD'],
        ['setDefaultAddress', { addressId: 'ad0000000000000000000000' }, 'ADDRESS_NOT_FOUND'],
        ['addresses', { memberId: 'v4' }, 'INVALID_PAYLOAD'],
      ]
      for (const [action, data, code] of refusals) {
        const answer = await call(action, data)
        expect(answer, `${action} ${JSON.stringify(data)}`).toMatchObject({ ok: false, code })
        expect((answer as { message: string }).message).not.toBe('')
      }
      expect(await book()).toEqual(before)
    })

    it("never reads or changes another member's address: refused as not in the caller's book", async () => {
      const mine = (await add(HOME)).address
      const before = await book('v1')
      expect(await book('v4')).toEqual({ addresses: [], limit: 20 })
      for (const [action, data] of [
        ['editAddress', { addressId: mine.id, address: PARENTS }],
        ['deleteAddress', { addressId: mine.id }],
        ['setDefaultAddress', { addressId: mine.id }],
      ] as const) {
        expect(await call(action, data, 'v4'), action).toMatchObject({
          ok: false,
          code: 'ADDRESS_NOT_FOUND',
          message: '地址簿里没有这个地址',
        })
      }
      // The same request id from another member is their own request.
      const theirs = await ok<AddressSaved>(call('addAddress', { requestId: 'address-1', address: PARENTS }, 'v4'))
      expect(theirs.address.id).not.toBe(mine.id)
      expect(await book('v1')).toEqual(before)
      expect(await shown('v4')).toEqual(['*麓山南路 2 号'])
      expect(await call('addresses', {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      expect(await call('addAddress', { requestId: 'signed-out', address: HOME }, null)).toMatchObject({
        ok: false,
        code: 'UNAUTHENTICATED',
      })
    })

    it('keeps one default and at most 20 under concurrent adds', async () => {
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, n) =>
          call('addAddress', { requestId: `racing-${n + 10}`, address: { ...HOME, detail: `龙井路 ${n} 号` } }),
        ),
      )
      const { addresses } = await book()
      expect(addresses.length).toBeLessThanOrEqual(20)
      expect(addresses.filter((a) => a.isDefault)).toHaveLength(1)
      expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(addresses.length)
      for (const refused of answers.filter((a) => !a.ok)) expect(['ADDRESS_BOOK_FULL', 'BUSY']).toContain(refused.ok ? '' : refused.code)
    })

    it('is erased with the account', async () => {
      await add(HOME)
      await add(OFFICE)
      await add(PARENTS, {}, 'v4')
      expect(await call('deleteAccount', { confirm: '注销账号' })).toMatchObject({ ok: true })
      expect(await store.findAddressBook('v1')).toEqual({ entries: [], version: 0 })
      expect(await book()).toEqual({ addresses: [], limit: 20 })
      expect(await shown('v4')).toEqual(['*麓山南路 2 号'])
    })
  })
}
