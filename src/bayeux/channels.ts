import { GWS_TOPICS } from '../gws/media';

/**
 * Channel policy. Clients subscribe to the GWS channels; each subscription is mapped onto a
 * channel private to the agent (`/v2/...` <-> `/gws-sim/<userId>/...`), so that faye's own
 * routing delivers an agent's notifications to that agent's clients only.
 */
export const MOUNT = '/api/v2/notifications';
export const NOTIFICATIONS = '/v2/notifications';
const WILDCARDS = ['/v2/me/*', '/v2/me/**'];

/** An allow-list: faye matches wildcards, so anything not listed here is refused. */
export const SUBSCRIBABLE: readonly string[] = [NOTIFICATIONS, ...GWS_TOPICS, ...WILDCARDS];

const PUBLIC_ROOT = '/v2';
const PRIVATE_ROOT = '/gws-sim';

export function privateChannel(userId: string, channel: string): string {
  return `${PRIVATE_ROOT}/${userId}${channel.slice(PUBLIC_ROOT.length)}`;
}

/** The agent (userId) a private channel belongs to, or undefined for any other channel. */
export function ownerOf(channel: string): string | undefined {
  if (!channel.startsWith(`${PRIVATE_ROOT}/`)) return undefined;
  const slash = channel.indexOf('/', PRIVATE_ROOT.length + 1);
  return slash < 0 ? undefined : channel.slice(PRIVATE_ROOT.length + 1, slash);
}

/** The GWS channel name of a private channel; other channels are returned unchanged. */
export function publicChannel(channel: string): string {
  if (!channel.startsWith(`${PRIVATE_ROOT}/`)) return channel;
  const rest = channel.slice(PRIVATE_ROOT.length + 1);
  const slash = rest.indexOf('/');
  return slash < 0 ? channel : PUBLIC_ROOT + rest.slice(slash);
}

/**
 * Where one of the agent's notifications of `topic` is published, given the GWS channels its
 * clients subscribed to: only those private channels some client receives (each publish costs a
 * copy). A topic of one segment below /v2/me is reached by both wildcards; a deeper one by /** only.
 */
export function deliveryChannels(userId: string, subscribed: ReadonlySet<string>, topic: string): string[] {
  const channels: string[] = [];
  if (subscribed.has(NOTIFICATIONS)) channels.push(privateChannel(userId, NOTIFICATIONS));
  const routes = topic.split('/').length === 4 ? [topic, ...WILDCARDS] : [topic, '/v2/me/**'];
  if (topic !== NOTIFICATIONS && routes.some((route) => subscribed.has(route))) channels.push(privateChannel(userId, topic));
  return channels;
}
