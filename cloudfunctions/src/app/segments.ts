import { segmentTags } from '../core/segments'
import type { Store } from '../store/port'
import { preferencesOf } from './privacy'

const YEAR = 365 * 86_400_000
const BATCH = 500

/**
 * The segments job: every member's tags (RFM bands, new, lapsing, distributor) from their joining and
 * paid orders, replaced in full each run, so campaign audiences can name them.
 */
export async function refreshMemberTags(store: Store, now: number): Promise<{ members: number; tagged: number }> {
  let after = ''
  let members = 0
  let tagged = 0
  for (;;) {
    const ids = await store.listMemberIds(after, BATCH)
    if (ids.length === 0) return { members, tagged }
    const [found, stats] = await Promise.all([store.findMembers(ids), store.memberOrderStats(ids, now - YEAR)])
    for (const id of ids) {
      const member = found.find((m) => m.id === id)
      if (!member) continue
      const stat = stats.find((s) => s.memberId === id)
      const distributor = await store.findDistributor(id)
      // A member who turned personalisation off is not profiled: no tags, so no tag-targeted campaigns.
      if (!(await preferencesOf(store, id)).personalised) {
        await store.putMemberTags(id, [], now)
        members += 1
        continue
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
      members += 1
      if (tags.length > 0) tagged += 1
    }
    after = ids[ids.length - 1]
  }
}
