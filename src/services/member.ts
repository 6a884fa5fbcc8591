import type { MemberView } from '../../types/api'
import { useSession } from '../stores/session'
import { api } from './api'

/** Fetches the signed-in member's profile and keeps the session's copy current. */
export async function refreshMember(): Promise<MemberView> {
  const member = await api.member.profile()
  useSession.getState().setMember(member)
  return member
}
