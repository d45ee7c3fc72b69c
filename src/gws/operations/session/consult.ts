import { invitingOperation } from './inviting';

/** Consult: another agent joins, visible to Agents only (the customer does not see it). */
export const consult = invitingOperation({
  name: 'Consult',
  summary: 'Offers the session to another agent for a consultation (visible to Agents once it accepts)',
  kind: 'consult',
  visibility: 'Agents',
});
