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
