import type { Family } from '../family';

/** Chats (`/api/v2/me/chats`), routed to agents Ready on chat. GWS's chat pages show `state, capabilities, id, uri, participants`; userData and the rest follow (modelled). */
export const CHAT: Family = {
  name: 'chat',
  collection: 'chats',
  aliases: [],
  resource: 'chat',
  topic: '/v2/me/chats',
  stateMessageType: 'ChatStateChangeMessage',
  resourceFields: ['state', 'capabilities', 'id', 'uri', 'participants', 'userData', 'comment', 'receivedDate'],
  channel: 'chat',
  streamDir: 'chat',
  fixtureKey: 'chats',
  invitedState: 'Invited',
  finalState: 'Completed',
  legPerAgent: false,
  endedBy: 'Reject, Complete or Leave',
};
