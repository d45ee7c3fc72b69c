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

/** The channels one CometD client receives a notification on. */
export interface ReceivedOn {
  clientId: string;
  channels: string[];
}

/**
 * Where one of the agent's notifications of `topic` goes, given each client's GWS subscriptions: the private channels
 * to publish it on (only those some client receives: each publish costs a copy), and the GWS channels each client
 * receives it on: /v2/notifications, and the topic itself when it subscribed to it or to a wildcard reaching it (a
 * topic of one segment below /v2/me is reached by both wildcards; a deeper one by /** only).
 */
export function deliveryOf(userId: string, clients: Iterable<[clientId: string, subscribed: ReadonlySet<string>]>, topic: string): { channels: string[]; receivedOn: ReceivedOn[] } {
  const routes = topic.split('/').length === 4 ? [topic, ...WILDCARDS] : [topic, '/v2/me/**'];
  const receivedOn: ReceivedOn[] = [];
  const used = new Set<string>();
  for (const [clientId, subscribed] of clients) {
    const channels: string[] = [];
    if (subscribed.has(NOTIFICATIONS)) channels.push(NOTIFICATIONS);
    if (topic !== NOTIFICATIONS && routes.some((route) => subscribed.has(route))) channels.push(topic);
    if (channels.length === 0) continue;
    receivedOn.push({ clientId, channels });
    for (const channel of channels) used.add(channel);
  }
  const channels = [...new Set([NOTIFICATIONS, topic])].filter((channel) => used.has(channel)).map((channel) => privateChannel(userId, channel));
  return { channels, receivedOn };
}
