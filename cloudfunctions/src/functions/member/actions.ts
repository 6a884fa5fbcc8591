import { addAddress, addressBook, deleteAddress, editAddress, setDefaultAddress } from '../../app/address-book'
import { setBirthday } from '../../app/birthdays'
import { toMemberView } from '../../app/members'
import { updateProfile } from '../../app/profile'
import { deleteAccount, preferencesOf, setPreferences } from '../../app/privacy'
import { tierHistory, tierView } from '../../app/tiers'
import { adjustPoints, findMembers, memberCare } from '../../app/member-care'
import { setCertification } from '../../app/creators'
import { defineFunction, forMembers, forStaff } from '../runtime'
import { memberSchemas as s } from '../schemas'

export const member = defineFunction('member', {
  // The caller is registered on first sight by the runtime; profile shows who they are.
  profile: forMembers(s.profile, async ({ caller }) => toMemberView(caller)),
  updateProfile: forMembers(s.updateProfile, ({ store, pay, caller, now }, r) => updateProfile(store, pay, caller, r, now)),
  tier: forMembers(s.tier, ({ store, caller, now }) => tierView(store, caller, now)),
  tierHistory: forMembers(s.tierHistory, ({ store, caller }) => tierHistory(store, caller)),
  setBirthday: forMembers(s.setBirthday, ({ store, caller }, r) => setBirthday(store, caller, r.birthday)),
  preferences: forMembers(s.preferences, ({ store, caller }) => preferencesOf(store, caller.id)),
  // The caller's own address book: whose book is read or changed comes from the platform, never the payload.
  addresses: forMembers(s.addresses, ({ store, caller }) => addressBook(store, caller)),
  addAddress: forMembers(s.addAddress, ({ store, caller, now }, r) => addAddress(store, caller, r, now)),
  editAddress: forMembers(s.editAddress, ({ store, caller, now }, r) => editAddress(store, caller, r, now)),
  deleteAddress: forMembers(s.deleteAddress, ({ store, caller }, r) => deleteAddress(store, caller, r)),
  setDefaultAddress: forMembers(s.setDefaultAddress, ({ store, caller, now }, r) => setDefaultAddress(store, caller, r, now)),
  setPreferences: forMembers(s.setPreferences, ({ store, caller, now }, r) => setPreferences(store, caller, r, now)),
  deleteAccount: forMembers(s.deleteAccount, ({ store, caller }, r) => deleteAccount(store, caller, r.confirm)),
  find: forStaff(['service'], s.find, ({ store }, r) => findMembers(store, r.query)),
  care: forStaff(['service'], s.care, ({ store, now }, r) => memberCare(store, r.memberId, now)),
  adjustPoints: forStaff(['service'], s.adjustPoints, ({ store, caller, now }, r) => adjustPoints(store, caller.id, r, now)),
  // 达人 is the brand's public endorsement, so the owner decides it (forStaff admits owners only here).
  certifyCreator: forStaff([], s.certifyCreator, ({ store, caller, now }, r) =>
    setCertification(store, caller.id, { ...r, certified: true }, now),
  ),
  uncertifyCreator: forStaff([], s.uncertifyCreator, ({ store, caller, now }, r) =>
    setCertification(store, caller.id, { ...r, certified: false }, now),
  ),
})
