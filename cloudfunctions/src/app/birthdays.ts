import type { Member } from '../../../types/domain'
import { shopDay } from '../core/time'
import type { Store } from '../store/port'
import { AppError } from './errors'
import { type Budget, JobCursor, UNBOUNDED, sliceOf } from './job-runs'
import { applyPoints, grant } from './points'
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

/** Birthdays (MM-DD) celebrated on a Shanghai day: 02-29 ones on 02-28 in other years. */
function birthdaysOn(day: string): string[] {
  const [year, month, date] = day.split('-')
  const y = Number(year)
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  const today = `${month}-${date}`
  return today === '02-28' && !leap ? ['02-28', '02-29'] : [today]
}

/** A day's birthday pass, as `job_cursors/birthdayGifts` keeps it between runs. */
interface GiftPass {
  /** The Shanghai day whose birthdays are being celebrated. */
  day: string
  /** Which of the day's birthdays (MM-DD) is being walked, and the last member given their gift. */
  birthday: number
  after: string
  finished: boolean
}

const SLICE = 500

/**
 * Timer job: members whose birthday is today (Shanghai) get their tier's birthday gift, once a year.
 * 02-29 birthdays are celebrated on 02-28 in other years. A day's pass walks its members by id and
 * keeps its place in `job_cursors/birthdayGifts`: a run cut short by its budget is continued by the
 * next trigger — a pass of an earlier day first, since its members are owed their gift — and once
 * today's pass is finished later triggers that day rest.
 */
export async function grantBirthdayGifts(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ members: number; points: number; done: boolean }> {
  const cursor = await JobCursor.open<GiftPass>(store, 'birthdayGifts')
  const today = shopDay(now)
  const { settings } = await tierSettings(store, now)
  let pass: GiftPass =
    cursor.position && !(cursor.position.finished && cursor.position.day !== today)
      ? { ...cursor.position }
      : { day: today, birthday: 0, after: '', finished: false }
  let members = 0
  let points = 0
  const limit = sliceOf(budget, SLICE)
  for (;;) {
    if (pass.finished) {
      if (pass.day === today) return { members, points, done: true }
      pass = { day: today, birthday: 0, after: '', finished: false }
    }
    const birthdays = birthdaysOn(pass.day)
    const born = await store.membersBornOn(birthdays[pass.birthday], pass.after, limit)
    for (const memberId of born) {
      if (!budget.more()) {
        await cursor.save(pass)
        return { members, points, done: false }
      }
      pass.after = memberId
      const member = await store.findMember(memberId)
      const gift = member ? settings.benefits[member.tier].birthdayGiftPoints : 0
      if (gift <= 0) continue
      const { day } = pass
      const key = `birthday:${memberId}:${day.slice(0, 4)}`
      const note = `V${member!.tier} 生日礼`
      const { applied } = await applyPoints(store, memberId, key, (state) =>
        grant(state, { id: key, source: 'adjustment', ref: day, amount: gift, at: now, note }),
      )
      if (applied) {
        members += 1
        points += applied.lots.reduce((sum, lot) => sum + lot.amount, 0)
      }
    }
    if (born.length === limit) continue
    if (pass.birthday + 1 < birthdays.length) pass = { ...pass, birthday: pass.birthday + 1, after: '' }
    else pass = { ...pass, finished: true }
    if (!(await cursor.save(pass))) return { members, points, done: false }
  }
}
