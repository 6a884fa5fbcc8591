import type { DemoPerson, DevLogin } from '../../types/api'
import { useSession } from '../stores/session'
import { requestJson } from './http'

/** Local host only (browser build): the demo people one can sign in as. */
export const listDemoPeople = () => requestJson<DemoPerson[]>('GET', '/dev/people')

export async function signInAs(personId: string): Promise<DevLogin> {
  const login = await requestJson<DevLogin>('POST', '/dev/login', { as: personId })
  useSession.getState().signIn(login)
  return login
}
