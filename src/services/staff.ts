import type { SettingsName } from '../../types/api'
import type { StaffRole } from '../../types/domain'
import { callFunction } from './call'

/** Staff accounts and their roles (owners only; the server refuses everyone else). */
export const staffApi = {
  list: () => callFunction('staff', 'list', {}),
  grant: (memberId: string, role: StaffRole) => callFunction('staff', 'grant', { memberId, role }),
  revoke: (memberId: string, role: StaffRole) => callFunction('staff', 'revoke', { memberId, role }),
}

/** The shop's settings documents (finance and owners; the server checks it). */
export const settingsApi = {
  get: (name: SettingsName) => callFunction('staff', 'settings', { name }),
  save: (name: SettingsName, doc: Record<string, unknown>) => callFunction('staff', 'saveSettings', { name, doc }),
}
