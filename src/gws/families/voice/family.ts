import type { Family } from '../family';

/**
 * Calls (`/api/v2/me/calls`, the "Call Control" pages), routed to agents Ready on voice. Each
 * party has its own call resource with its own id; `connId` ties the parties of one connection.
 */
export const VOICE: Family = {
  name: 'voice',
  collection: 'calls',
  aliases: [],
  resource: 'call',
  topic: '/v2/me/calls',
  stateMessageType: 'CallStateChangeMessage',
  // The connection as GET /sim/state shows it (receivedDate: when it began, which the dashboard
  // orders calls by); each agent's call is written by voice/wire.ts.
  resourceFields: ['id', 'receivedDate', 'userData', 'participants'],
  channel: 'voice',
  streamDir: 'voice',
  invitedState: 'Ringing',
  finalState: 'Released',
  legPerAgent: true,
  endedBy: 'Hangup or Reject',
};
