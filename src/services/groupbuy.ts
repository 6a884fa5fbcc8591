import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Group-buy: campaigns, their open teams, opening and joining a team, and the member's teams. */
export const groupbuyApi = {
  list: (req: Req<'groupbuy', 'list'>) => callFunction('groupbuy', 'list', req),
  detail: (req: Req<'groupbuy', 'detail'>) => callFunction('groupbuy', 'detail', req),
  /** Safe to repeat with the same requestId: a retry answers the first team and order. */
  open: (req: Req<'groupbuy', 'open'>) => callFunction('groupbuy', 'open', req),
  /** Safe to repeat with the same requestId; TEAM_FULL when every seat is taken. */
  join: (req: Req<'groupbuy', 'join'>) => callFunction('groupbuy', 'join', req),
  mine: (req: Req<'groupbuy', 'mine'>) => callFunction('groupbuy', 'mine', req),
  team: (req: Req<'groupbuy', 'team'>) => callFunction('groupbuy', 'team', req),
}
