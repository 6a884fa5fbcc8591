import { saveSettings, settingsView } from '../../app/settings-staff'
import { listStaff, setStaffRole } from '../../app/staff'
import { defineFunction, forStaff } from '../runtime'
import { staffSchemas as s } from '../schemas'

/** Staff accounts and their roles (owners only: forStaff admits owners to every staff action), and the shop's settings (finance). */
export const staff = defineFunction('staff', {
  list: forStaff([], s.list, ({ store }) => listStaff(store)),
  grant: forStaff([], s.grant, ({ store, caller, now }, r) => setStaffRole(store, caller.id, { ...r, held: true }, now)),
  revoke: forStaff([], s.revoke, ({ store, caller, now }, r) => setStaffRole(store, caller.id, { ...r, held: false }, now)),
  settings: forStaff(['finance'], s.settings, ({ store }, r) => settingsView(store, r.name)),
  saveSettings: forStaff(['finance'], s.saveSettings, ({ store, caller, now }, r) => saveSettings(store, caller.id, r, now)),
})
