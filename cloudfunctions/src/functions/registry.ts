import type { FunctionName } from '../../../types/api'
import { campaign } from './campaign/actions'
import { catalog } from './catalog/actions'
import { distribution } from './distribution/actions'
import { groupbuy } from './groupbuy/actions'
import { member } from './member/actions'
import { order } from './order/actions'
import { points } from './points/actions'
import { post } from './post/actions'
import { redeem } from './redeem/actions'
import { staff } from './staff/actions'
import type { FunctionDef } from './runtime'

/** Every business function by name: the local host serves these, build.mjs bundles their entries. */
export const FUNCTIONS: { [F in FunctionName]: FunctionDef<F> } = {
  catalog,
  member,
  order,
  points,
  redeem,
  distribution,
  groupbuy,
  campaign,
  post,
  staff,
}
