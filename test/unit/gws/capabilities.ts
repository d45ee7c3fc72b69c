/**
 * The capabilities GWS lists for an agent in the embedded fixture's kinds of standing, written out
 * once for the tests that check them (unit and REST): a change of the registry's offer is a
 * deliberate edit here.
 */

/** What an invited agent may do. */
export const INVITED = ['Accept', 'Reject'];
/** What a chatting agent visible to All may do alone with the customer. */
export const ALONE_ALL = [
  'SendMessage',
  'SendToAgents',
  'SendStartTypingNotification',
  'SendStopTypingNotification',
  'Consult',
  'Transfer',
  'Leave',
  'Complete',
  'SetDisposition',
  'AttachUserData',
  'UpdateUserData',
  'DeleteUserData',
  'AddComment',
];
/** A chatting agent visible to All with another agent there: it may also remove that agent. */
export const CONFERENCE_ALL = [...ALONE_ALL.slice(0, 8), 'RemoveParticipantFromConference', ...ALONE_ALL.slice(8)];
/** A chatting agent visible to Agents (a consultant): it may neither transfer nor remove. */
export const AGENTS_ONLY = ALONE_ALL.filter((name) => name !== 'Transfer');
/** An agent who left the chat (or whose customer left): it may set properties and Complete. */
export const LEFT = ['Complete', 'SetDisposition', 'AttachUserData', 'UpdateUserData', 'DeleteUserData', 'AddComment'];
