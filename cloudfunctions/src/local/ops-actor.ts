// The command line's own identity in the audit log and the services it calls.
/** Who the audit log names for changes made from this command line. */
export const ACTOR = 'ops-cli'
/** The command line acts as an operator of its own (it writes no post, so it reviews any). */
export const OPS_OPERATOR = {
  id: ACTOR,
  nickname: '运营命令行',
  avatar: '',
  tier: 1 as const,
  // The command line runs on the shop's own machine, with the owner's reach.
  roles: ['operator' as const, 'owner' as const],
  shareCode: 'OPSCLI22',
  createdAt: 0,
}
