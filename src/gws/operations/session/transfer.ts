import { invitingOperation } from './inviting';

/**
 * Transfer: another agent takes the session over, visible to All; the agent who transferred
 * leaves once it accepts (modelled: GWS documents the answer's referenceId, not the notifications).
 */
export const transfer = invitingOperation({
  name: 'Transfer',
  summary: 'Offers the session to another agent, who takes it over once it accepts',
  kind: 'transfer',
  visibility: 'All',
});
