import type { Member } from '../../../types/domain'
import { shopClock, shopDay } from '../core/time'
import type { Store } from '../store/port'
import { AppError } from './errors'
import { changePoints, grant } from './points'
import { tierSettings } from './settings'

/** A birthday is recorded once: changing it later could farm the birthday gift. */
export async function setBirthday(store: Store, member: Member, birthday: string): Promise<{ birthday: string }> {
  const [month, day] = birthday.split('-').map(Number)
  // 2024 is a leap year, so 02-29 counts as a real date.
  const probe = new Date(Date.UTC(2024, month - 1, day))
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    throw new AppError('INVALID_PAYLOAD', '请求参数不正确（birthday）：不是有效的日期')
  if (!(await store.setBirthday(member.id, birthday))) throw new AppError('BIRTHDAY_LOCKED', '生日已登记，不能修改')
  return { birthday }
}

/**
 * Timer job: members whose birthday is today (Shanghai) get their tier's birthday gift, once a year.
 * 02-29 birthdays are celebrated on 02-28 in other years.
 */
export async function grantBirthdayGifts(store: Store, now: number): Promise<{ members: number; points: number }> {
  const clock = shopClock(now)
  const today = clock.format('MM-DD')
  const isLeap = clock.year() % 4 === 0 && (clock.year() % 100 !== 0 || clock.year() % 400 === 0)
  const days = today === '02-28' && !isLeap ? ['02-28', '02-29'] : [today]
  const { settings } = await tierSettings(store, now)
  let members = 0
  let points = 0
  for (const day of days) {
    for (let after = ''; ; ) {
      const born = await store.membersBornOn(day, after, 500)
      for (const memberId of born) {
        const member = await store.findMember(memberId)
        const gift = member ? settings.benefits[member.tier].birthdayGiftPoints : 0
        if (gift <= 0) continue
        const key = `birthday:${memberId}:${clock.year()}`
        const result = await changePoints(store, memberId, key, (state) =>
          grant(state, { id: key, source: 'adjustment', ref: shopDay(now), amount: gift, at: now, note: `V${member!.tier} 生日礼` }),
        )
        if (result === 'applied') {
          members += 1
          points += gift
        }
      }
      if (born.length < 500) break
      after = born[born.length - 1]
    }
  }
  return { members, points }
}
