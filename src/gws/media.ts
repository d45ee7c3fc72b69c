/**
 * A GWS medium: what differs between Facebook sessions and chats is data, not code. The
 * operations of a medium are registered in operations/registry.ts, most of them once for both.
 */
export interface Media {
  name: MediaName;
  /** The REST collection under /api/v2/me, and the older spellings GWS pages also use. */
  collection: string;
  aliases: readonly string[];
  /** The resource's key in REST answers and notifications, and its path prefix. */
  resource: string;
  /** The GWS CometD topic its notifications are published on. */
  topic: string;
  /** The messageType of its state-change notifications (StatusChange, ParticipantsUpdated, Error...). */
  stateMessageType: string;
  /**
   * The fields of the resource as GWS writes it, in the order of the documentation's samples (a
   * field the session does not have, such as a comment never set, is left out).
   */
  resourceFields: readonly ResourceField[];
  /**
   * The agent channel (`POST /api/v2/me/channels/{channel}`) whose Ready agents are offered new
   * sessions of this medium, round robin; none: gws-sim routes nothing, an offer names its agent.
   */
  channel?: string;
  /** Where its operations' stream files are shipped, under scenarios/ ('' for scenarios/ itself). */
  streamDir: string;
}

export type MediaName = 'facebook' | 'chat';

export type ResourceField =
  | 'userData'
  | 'comment'
  | 'receivedDate'
  | 'facebooksessionType'
  | 'suggestedQueueUris'
  | 'capabilities'
  | 'uri'
  | 'state'
  | 'revelantResponseTemplateGroups'
  | 'participants'
  | 'id';

export const FACEBOOK: Media = {
  name: 'facebook',
  collection: 'facebooksessions',
  aliases: ['facebooksession'],
  resource: 'facebooksession',
  topic: '/v2/me/facebooksession',
  stateMessageType: 'FacebooksessionStateChangeMessage',
  resourceFields: [
    'userData',
    'comment',
    'receivedDate',
    'facebooksessionType',
    'suggestedQueueUris',
    'capabilities',
    'uri',
    'state',
    'revelantResponseTemplateGroups',
    'participants',
    'id',
  ],
  streamDir: '',
};

/** GWS's chat pages show `state, capabilities, id, uri, participants`; userData and the rest follow (modelled). */
export const CHAT: Media = {
  name: 'chat',
  collection: 'chats',
  aliases: [],
  resource: 'chat',
  topic: '/v2/me/chats',
  stateMessageType: 'ChatStateChangeMessage',
  resourceFields: ['state', 'capabilities', 'id', 'uri', 'participants', 'userData', 'comment', 'receivedDate'],
  channel: 'chat',
  streamDir: 'chat',
};

export const MEDIA: readonly Media[] = [FACEBOOK, CHAT];

export const MEDIA_NAMES = MEDIA.map((m) => m.name) as [MediaName, ...MediaName[]];

export function mediaNamed(name: MediaName): Media {
  return MEDIA.find((m) => m.name === name)!;
}

/** The agent channels gws-sim simulates: those that route a medium's sessions. */
export const CHANNELS: readonly string[] = MEDIA.flatMap((m) => (m.channel === undefined ? [] : [m.channel]));

/** The medium whose sessions `channel` routes. */
export function mediaOfChannel(channel: string): Media | undefined {
  return MEDIA.find((m) => m.channel === channel);
}

/** Where the agent's channel states are notified (StartContactCenterSession, Ready, NotReady...). */
export const CHANNELS_TOPIC = '/v2/me/channels';

/**
 * The GWS topics an agent may subscribe to (GWS 8.5's pages): each medium's, the channels', and
 * those of what gws-sim does not model yet, which `POST /sim/notify` can still push to.
 */
export const GWS_TOPICS: readonly string[] = [
  ...new Set([...MEDIA.map((m) => m.topic), '/v2/me/calls', '/v2/me/devices', CHANNELS_TOPIC, '/v2/me/emails', '/v2/me/smssessions']),
];
