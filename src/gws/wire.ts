import type { ChannelState } from './channels';
import type { Participant, User } from './fixture';
import { familyNamed, type ResourceField } from './families';
import type { LogMessage, Session } from './model';
import { gwsTimestamp } from './timestamp';

/**
 * The JSON shapes GWS sends, built from the model. Keys follow the order of the GWS
 * documentation samples so that a diff against the documentation reads line by line.
 */
export const userPath = (userId: string) => `/users/${userId}`;
/** The session's path under /api/v2: its medium's collection and its id. */
export const sessionPath = (session: Pick<Session, 'id' | 'media'>) => `/${familyNamed(session.media).collection}/${session.id}`;

export function userWire(user: User, baseUrl: string) {
  return {
    id: user.id,
    userName: user.userName,
    firstName: user.firstName,
    lastName: user.lastName,
    roles: ['ROLE_AGENT'],
    uri: `${baseUrl}/api/v2${userPath(user.id)}`,
    path: userPath(user.id),
  };
}

export function participantWire(participant: Participant, baseUrl: string) {
  if (participant.type === 'Customer') {
    return {
      nickname: participant.nickname,
      type: participant.type,
      id: participant.participantId,
      visibility: participant.visibility,
      participantId: participant.participantId,
    };
  }
  return {
    participantId: participant.participantId,
    type: participant.type,
    uri: `${baseUrl}/api/v2${userPath(participant.userId)}`,
    visibility: participant.visibility,
    path: userPath(participant.userId),
    nickname: participant.nickname,
    id: participant.participantId,
  };
}

/**
 * The session resource, with the fields its medium's resource has (media.ts). `view` is one
 * agent's state and capabilities (a REST answer); without it, the session's own, as stored (what
 * the fixture's documented samples show).
 */
export function sessionWire(session: Session, baseUrl: string, view?: { state: string; capabilities: string[] }): Partial<Record<ResourceField, unknown>> {
  const fields: Record<ResourceField, unknown> = {
    userData: session.userData,
    comment: session.comment,
    receivedDate: session.receivedDate,
    facebooksessionType: session.facebooksessionType,
    suggestedQueueUris: session.suggestedQueueIds?.map((id) => `${baseUrl}/api/v2/queues/${id}`),
    capabilities: view?.capabilities ?? session.capabilities ?? [],
    uri: `${baseUrl}/api/v2${sessionPath(session)}`,
    state: view?.state ?? session.state,
    revelantResponseTemplateGroups: session.revelantResponseTemplateGroups,
    // An invited consultant is shown already (the chat Consult page's first notification to the caller).
    participants: [...session.participants, ...session.invited.flatMap((i) => (i.participant ? [i.participant] : []))].map((p) => participantWire(p, baseUrl)),
    id: session.id,
  };
  return Object.fromEntries(familyNamed(session.media).resourceFields.filter((f) => fields[f] !== undefined).map((f) => [f, fields[f]]));
}

/**
 * One of the agent's channels as `GET /api/v2/me/channels` and the /v2/me/channels notifications
 * write it: `userState` as the pages' samples (id, displayName, state, and a NotReady's workMode),
 * the reason when one was given (modelled), and `dndState` (gws-sim has no do-not-disturb: always
 * Off, modelled).
 */
export function channelWire(channel: ChannelState) {
  const { id, displayName, state, workMode, reason } = channel;
  const userState = { id, displayName, state, ...(workMode === undefined ? {} : { workMode }), ...(reason === undefined ? {} : { reason }) };
  return { channel: channel.channel, userState, dndState: 'Off' };
}

/** A message of the session's log as a notification carries it, stamped at `emittedAt`. */
export function messageWire(message: LogMessage, index: number, from: Participant, baseUrl: string, emittedAt: number) {
  // A CustomNotice carries its text as `noticeText` (the chat SendCustomNotice page).
  const text = message.text === undefined ? {} : message.type === 'CustomNotice' ? { noticeText: message.text } : { text: message.text };
  return {
    index,
    from: participantWire(from, baseUrl),
    ...text,
    visibility: message.visibility,
    timestamp: gwsTimestamp(emittedAt),
    type: message.type,
    timestampSeconds: emittedAt,
  };
}
