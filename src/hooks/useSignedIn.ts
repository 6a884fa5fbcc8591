import { useSession } from '../stores/session'

/** The mini program always knows who is asking (OPENID); the browser build only after a dev sign-in. */
export function useSignedIn(): boolean {
  const token = useSession((session) => session.token)
  return process.env.TARO_ENV === 'weapp' || token !== null
}
