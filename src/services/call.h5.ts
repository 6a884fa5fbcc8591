import type { CallFunction } from './call'
import { requestJson } from './http'

export const callFunction: CallFunction = (name, action, data) => requestJson('POST', `/api/${name}`, { action, data })
