import { callFunction } from './call'

/**
 * The campaigns in force for the caller (tier and tag audience); empty while the kill switch is on.
 * Apart from the operators' campaign calls, so the home page's first screen loads this one alone.
 */
export const activeCampaigns = () => callFunction('campaign', 'active', {})
