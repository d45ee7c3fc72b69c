/**
 * A GWS medium: what differs between Facebook sessions and (later) chats is data, not code. The
 * operations of a medium are registered in operations/registry.ts.
 */
export interface Media {
  name: MediaName;
  /** The REST collection under /api/v2/me, and the older spelling GWS pages also use. */
  collection: string;
  aliases: readonly string[];
  /** The resource's key in REST answers and notifications, and its path prefix. */
  resource: string;
  /** The GWS CometD topic its notifications are published on. */
  topic: string;
}

export type MediaName = 'facebook';

export const FACEBOOK: Media = {
  name: 'facebook',
  collection: 'facebooksessions',
  aliases: ['facebooksession'],
  resource: 'facebooksession',
  topic: '/v2/me/facebooksession',
};

export const MEDIA: readonly Media[] = [FACEBOOK];

export function mediaNamed(name: MediaName): Media {
  return MEDIA.find((m) => m.name === name)!;
}

/**
 * The GWS topics an agent may subscribe to (GWS 8.5's pages): each medium's, and those of what
 * gws-sim does not model yet, which `POST /sim/notify` can still push to.
 */
export const GWS_TOPICS: readonly string[] = [
  ...new Set([...MEDIA.map((m) => m.topic), '/v2/me/chats', '/v2/me/calls', '/v2/me/devices', '/v2/me/channels', '/v2/me/emails', '/v2/me/smssessions']),
];
