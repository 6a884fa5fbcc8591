import { setBirthday } from '../../app/birthdays'
import { toMemberView } from '../../app/members'
import { deleteAccount, preferencesOf, setPreferences } from '../../app/privacy'
import { tierHistory, tierView } from '../../app/tiers'
import { action, type FunctionDef } from '../runtime'
import { memberSchemas as s } from '../schemas'

export const member: FunctionDef = {
  name: 'member',
  actions: {
    // The caller is registered on first sight by the runtime; profile shows who they are.
    profile: action({ access: 'member', input: s.profile, run: async ({ caller }) => toMemberView(caller!) }),
    tier: action({ access: 'member', input: s.tier, run: ({ store, caller, now }) => tierView(store, caller!, now) }),
    tierHistory: action({ access: 'member', input: s.tierHistory, run: ({ store, caller }) => tierHistory(store, caller!) }),
    setBirthday: action({ access: 'member', input: s.setBirthday, run: ({ store, caller }, r) => setBirthday(store, caller!, r.birthday) }),
    preferences: action({ access: 'member', input: s.preferences, run: ({ store, caller }) => preferencesOf(store, caller!.id) }),
    setPreferences: action({
      access: 'member',
      input: s.setPreferences,
      run: ({ store, caller, now }, r) => setPreferences(store, caller!, r, now),
    }),
    deleteAccount: action({
      access: 'member',
      input: s.deleteAccount,
      run: ({ store, caller }, r) => deleteAccount(store, caller!, r.confirm),
    }),
  },
}
