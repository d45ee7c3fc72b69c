/** The GWS vocabulary the simulator models (shared/notes/gws-protocol.md, "Notification vocabulary"). */
export type Visibility = 'All' | 'Agents';
export type SessionState = 'Chatting' | 'LeftChat' | 'Completed';
export type MessageType = 'Text' | 'Notice' | 'ParticipantJoined' | 'ParticipantLeft';

/** The operations gws-sim performs; each has an operation stream file under scenarios/. */
export const OPERATIONS = ['RemoveParticipantFromConference'] as const;
export type OperationName = (typeof OPERATIONS)[number];

export function isOperationName(name: string): name is OperationName {
  return (OPERATIONS as readonly string[]).includes(name);
}
