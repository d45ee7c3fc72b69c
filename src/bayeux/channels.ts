import { GWS_TOPICS } from '../gws/families';

/**
 * Channel policy. Clients subscribe to the GWS channels; each subscription is mapped onto a
 * channel private to the client (`/v2/...` <-> `/gws-sim/<clientId>/v2/...`), and each of an
 * agent's notifications is published once per client of that agent, on the one channel the
 * client receives it on: so faye's own routing reaches that agent's clients only, each once,
 * whatever set of channels it subscribed to.
 */
export const MOUNT = '/api/v2/notifications';
export const NOTIFICATIONS = '/v2/notifications';
/** What real clients subscribe to besides the topics: the C# library `/**`, others `/v2/me/*`. */
const WILDCARDS = ['/**', '/v2/**', '/v2/me/*', '/v2/me/**'];

/** An allow-list: faye matches wildcards, so anything not listed here is refused. */
export const SUBSCRIBABLE: readonly string[] = [NOTIFICATIONS, ...GWS_TOPICS, ...WILDCARDS];

const PRIVATE_ROOT = '/gws-sim';
const ME = '/v2/me/';

export function privateChannel(clientId: string, channel: string): string {
  return `${PRIVATE_ROOT}/${clientId}${channel}`;
}

/** The client (clientId) a private channel belongs to, or undefined for any other channel. */
export function ownerOf(channel: string): string | undefined {
  if (!channel.startsWith(`${PRIVATE_ROOT}/`)) return undefined;
  const slash = channel.indexOf('/', PRIVATE_ROOT.length + 1);
  return slash < 0 ? undefined : channel.slice(PRIVATE_ROOT.length + 1, slash);
}

/** The GWS channel name of a private channel; other channels are returned unchanged. */
export function publicChannel(channel: string): string {
  if (!channel.startsWith(`${PRIVATE_ROOT}/`)) return channel;
  const slash = channel.indexOf('/', PRIVATE_ROOT.length + 1);
  return slash < 0 ? channel : channel.slice(slash);
}

/** The channels one CometD client receives a notification on (one: each notification reaches a client once). */
export interface ReceivedOn {
  clientId: string;
  channels: string[];
}

/**
 * The GWS channel one of the agent's notifications of `topic` arrives on for a client subscribed
 * to `subscribed`, or undefined when the client receives none of it: the topic itself when the
 * client subscribed to it or to a wildcard that covers it, else /v2/notifications (every topic)
 * when it subscribed to that. A notification of /v2/notifications itself reaches that channel and
 * the wildcards `/**` and `/v2/**` that cover it.
 */
export function deliveryChannel(subscribed: ReadonlySet<string>, topic: string): string | undefined {
  if (subscribed.has(topic) || subscribed.has('/**') || subscribed.has('/v2/**')) return topic;
  if (topic === NOTIFICATIONS) return undefined;
  if (subscribed.has('/v2/me/**') || (subscribed.has('/v2/me/*') && topic.startsWith(ME) && topic.indexOf('/', ME.length) < 0)) return topic;
  return subscribed.has(NOTIFICATIONS) ? NOTIFICATIONS : undefined;
}
