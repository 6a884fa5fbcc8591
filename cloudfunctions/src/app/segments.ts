import { segmentTags } from '../core/segments'
import { shopDay } from '../core/time'
import type { Store } from '../store/port'
import type { Member } from '../../../types/domain'
import { type Budget, JobCursor, UNBOUNDED, sliceOf } from './job-runs'
import { preferencesOf } from './privacy'

const YEAR = 365 * 86_400_000
const SLICE = 500
/** Members tagged at once: each is a few reads and a write, a round trip apiece on CloudBase, so they overlap. */
const TAGGED_AT_ONCE = 20

/** A day's tagging pass, as `job_cursors/memberTags` keeps it between runs. */
interface TagPass {
  /** The Shanghai day the pass is for. */
  day: string
  /** The last member tagged. */
  after: string
  finished: boolean
}

/**
 * The segments job: every member's tags (RFM bands, new, lapsing, distributor) from their joining and
 * paid orders, replaced in full once a Shanghai day, so campaign audiences can name them. The pass
 * walks members by id and keeps its place in `job_cursors/memberTags`: a run cut short by its budget
 * is continued by the next trigger, and once the day's pass is finished later triggers that day rest.
 */
export async function refreshMemberTags(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ members: number; tagged: number; done: boolean }> {
  const cursor = await JobCursor.open<TagPass>(store, 'memberTags')
  const today = shopDay(now)
  // A pass of an earlier day that never finished is dropped: today's tags everyone again.
  const pass: TagPass = cursor.position?.day === today ? { ...cursor.position } : { day: today, after: '', finished: false }
  let members = 0
  let tagged = 0
  const limit = sliceOf(budget, SLICE)
  while (!pass.finished) {
    const ids = await store.listMemberIds(pass.after, limit)
    const [found, stats] = await Promise.all([store.findMembers(ids), store.memberOrderStats(ids, now - YEAR)])
    for (let i = 0; i < ids.length; i += TAGGED_AT_ONCE) {
      if (!budget.more()) {
        await cursor.save(pass)
        return { members, tagged, done: false }
      }
      const batch = ids.slice(i, i + TAGGED_AT_ONCE)
      const outcomes = await Promise.all(
        batch.map((id) =>
          tagMember(
            store,
            id,
            found.find((m) => m.id === id) ?? null,
            stats.find((s) => s.memberId === id),
            now,
          ),
        ),
      )
      pass.after = batch[batch.length - 1]
      members += outcomes.filter((o) => o !== 'gone').length
      tagged += outcomes.filter((o) => o === 'tagged').length
    }
    pass.finished = ids.length < limit
    if (!(await cursor.save(pass))) return { members, tagged, done: false }
  }
  return { members, tagged, done: true }
}

/** One member's tags, replaced: none for a member who turned personalisation off. */
async function tagMember(
  store: Store,
  id: string,
  member: Member | null,
  stat: { lastPaidAt: number | null; orders: number; net: number } | undefined,
  now: number,
): Promise<'gone' | 'untagged' | 'tagged'> {
  if (!member) return 'gone'
  // A member who turned personalisation off is not profiled: no tags, so no tag-targeted campaigns.
  const [distributor, preferences] = await Promise.all([store.findDistributor(id), preferencesOf(store, id)])
  if (!preferences.personalised) {
    await store.putMemberTags(id, [], now)
    return 'untagged'
  }
  const tags = segmentTags(
    {
      joinedAt: member.createdAt,
      lastPaidAt: stat?.lastPaidAt ?? null,
      orders365: stat?.orders ?? 0,
      net365: stat?.net ?? 0,
      isDistributor: distributor?.status === 'approved' || distributor?.status === 'frozen',
    },
    now,
  )
  await store.putMemberTags(id, tags, now)
  return tags.length > 0 ? 'tagged' : 'untagged'
}
