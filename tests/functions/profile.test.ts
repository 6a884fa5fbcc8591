import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MemberView } from '../../types/api'
import { DEFAULT_AVATAR, saveMember } from '../../cloudfunctions/src/app/members'
import { MAX_IMAGE_BYTES } from '../../cloudfunctions/src/core/images'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
const upload = (n: number) => `/media/uploads/${String(n).repeat(16)}.jpg`
let uploads: string

beforeAll(() => {
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-avatars-'))
  fs.writeFileSync(path.join(uploads, `${'1'.repeat(16)}.jpg`), JPEG)
  fs.writeFileSync(path.join(uploads, `${'2'.repeat(16)}.jpg`), '<html>not an image</html>')
  fs.writeFileSync(path.join(uploads, `${'3'.repeat(16)}.jpg`), Buffer.concat([JPEG, Buffer.alloc(MAX_IMAGE_BYTES)]))
})
afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }))

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`member.updateProfile over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(FUNCTIONS.member, { action, data }, { store, pay, now: clock.now(), memberId })
    const update = (data: unknown, memberId: string | null = 'v1') => call('updateProfile', data, memberId)
    const stored = async (id = 'v1') => {
      const m = (await store.findMember(id))!
      return { nickname: m.nickname, avatar: m.avatar }
    }

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock, uploads)
      await smallShop(store)
      await saveMember(store, member('koc', 3, { roles: ['consumer', 'distributor'], shareCode: 'KOCCODE2' }))
    })

    it('sets the nickname (trimmed) and an uploaded avatar, answering the profile the member now has', async () => {
      const answer = await update({ nickname: '  山野茶客  ', avatar: upload(1) })
      expect(answer).toMatchObject({
        ok: true,
        data: { id: 'v1', nickname: '山野茶客', avatar: upload(1), shareCode: 'VONE2345', avatarPending: true },
      })
      // Others see the new avatar once content security passed it (the wxa_media_check event).
      expect(await stored()).toEqual({ nickname: '山野茶客', avatar: '/media/avatars/v1.jpg' })
      expect(await pay.settleImages()).toBe(1)
      expect(await stored()).toEqual({ nickname: '山野茶客', avatar: upload(1) })
      expect((await call('profile', {})) as { data: MemberView }).toMatchObject({
        ok: true,
        data: { nickname: '山野茶客', avatar: upload(1) },
      })
    })

    it('changes either alone, keeps the tier, roles and share code, and an empty request changes nothing', async () => {
      await update({ nickname: '茶客' })
      expect(await stored()).toEqual({ nickname: '茶客', avatar: '/media/avatars/v1.jpg' })
      await update({ avatar: upload(1) })
      await pay.settleImages()
      expect(await stored()).toEqual({ nickname: '茶客', avatar: upload(1) })
      expect(await update({})).toMatchObject({ ok: true, data: { nickname: '茶客', avatar: upload(1) } })
      expect(await store.findMember('v1')).toMatchObject({ tier: 1, roles: ['consumer'], shareCode: 'VONE2345' })
      // The avatar already on the profile is kept without reading it again.
      expect(await update({ nickname: '茶客二', avatar: upload(1) })).toMatchObject({ ok: true })
    })

    it.each([
      ['an empty nickname', { nickname: '' }, '至少 1 个字'],
      ['a nickname of spaces', { nickname: '    ' }, '至少 1 个字'],
      ['a nickname over 20 characters', { nickname: '茶'.repeat(21) }, '最多 20 个字'],
      ['a nickname that is not text', { nickname: 42 }, '应为字符串'],
      ['an avatar from elsewhere', { avatar: 'https://example.com/a.jpg' }, '图片地址格式不正确'],
      ['a bundled picture as avatar', { avatar: '/media/avatars/v4.jpg' }, '图片地址格式不正确'],
      ["another member's upload in cloud storage", { avatar: 'cloud://env-1.7369/posts/v4/abc.jpg' }, '只能使用自己上传的图片'],
      ['an upload that is not there', { avatar: upload(4) }, '头像找不到，请重新上传'],
      ['an upload that is not an image', { avatar: upload(2) }, '头像不是 JPEG、PNG 或 WebP 图片'],
      ['an avatar over 2 MB', { avatar: upload(3) }, '头像超过 2 MB，请换一张小一些的'],
      ['an unknown key', { nickname: '茶客', shareCode: 'AAAA2222' }, ''],
      ['a nickname with an oversized avatar', { nickname: '茶客', avatar: upload(3) }, '头像超过 2 MB'],
    ])('refuses %s with INVALID_PAYLOAD and a clear message, changing nothing', async (_what, data, message) => {
      const answer = await update(data)
      expect(answer).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect((answer as { message: string }).message).toContain(message)
      expect(await stored()).toEqual({ nickname: '会员v1', avatar: '/media/avatars/v1.jpg' })
    })

    it('admits every signed-in member (consumer, distributor, staff) for their own profile only, and refuses a signed-out caller', async () => {
      for (const id of ['v4', 'koc', 'brand']) {
        expect(await update({ nickname: `新名${id}` }, id)).toMatchObject({ ok: true, data: { id, nickname: `新名${id}` } })
        expect((await stored(id)).nickname).toBe(`新名${id}`)
      }
      expect((await stored('v1')).nickname).toBe('会员v1')
      expect(await update({ nickname: '路人' }, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      // Whose profile is changed comes from the platform, never from the payload.
      expect(await update({ nickname: '冒名', memberId: 'v4' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect((await stored('v4')).nickname).toBe('新名v4')
    })

    it('is erased with the account', async () => {
      await update({ nickname: '山野茶客', avatar: upload(1) })
      expect(await call('deleteAccount', { confirm: '注销账号' })).toMatchObject({ ok: true })
      expect(await stored()).toEqual({ nickname: '已注销用户', avatar: DEFAULT_AVATAR })
    })
  })
}
