import type { MemberView, ProfileRequest } from '../../types/api'
import { useSession } from '../stores/session'
import { api } from './api'

/** Fetches the signed-in member's profile and keeps the session's copy current. */
export async function refreshMember(): Promise<MemberView> {
  const member = await api.member.profile()
  useSession.getState().setMember(member)
  return member
}

/** Saves the nickname and/or avatar the member chose and keeps the session's copy current. */
export async function saveProfile(req: ProfileRequest): Promise<MemberView> {
  const member = await api.member.updateProfile(req)
  useSession.getState().setMember(member)
  return member
}
