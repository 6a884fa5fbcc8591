import { callFunction } from './call'

/** The literal text a member types to confirm deleting their account (the server checks it too). */
export const DELETE_ACCOUNT_CONFIRMATION = '注销账号'

/** The member's privacy choices and account deletion. */
export const privacyApi = {
  preferences: () => callFunction('member', 'preferences', {}),
  /** Off: no profiling tags (dropped at once), so campaigns aimed at tags no longer reach the member. */
  setPreferences: (personalised: boolean) => callFunction('member', 'setPreferences', { personalised }),
  /** Erases personal data and keeps the accounting anonymised; ACCOUNT_BUSY while an order or payout is open. */
  deleteAccount: (confirm: string) => callFunction('member', 'deleteAccount', { confirm }),
}
