import { CHAT } from './chat/family';
import { FACEBOOK } from './facebook/family';
import type { Family, MediaName } from './family';
import { VOICE } from './voice/family';

export type { AgentState, CallState, Collection, Family, MediaName, MessagingState, ResourceField } from './family';

/**
 * The one list of interaction families: adding one is its folder under families/, its line here
 * (the compiler asks for it once its name joins MediaName) and its operations in
 * operations/registry.ts (the compiler asks there too).
 */
const BY_NAME: Readonly<Record<MediaName, Family>> = { facebook: FACEBOOK, chat: CHAT, voice: VOICE };

export const FAMILIES: readonly Family[] = Object.values(BY_NAME);

export const MEDIA_NAMES = FAMILIES.map((f) => f.name) as [MediaName, ...MediaName[]];

/** The family gws-sim assumes where none is named: the seed's, Facebook sessions. */
export const DEFAULT_MEDIA: MediaName = 'facebook';

export function familyNamed(name: MediaName): Family {
  return BY_NAME[name];
}

/** The family whose REST collection (or an alias of it) is `collection`. */
export function familyOfCollection(collection: string): Family | undefined {
  return FAMILIES.find((f) => f.collection === collection || f.aliases.includes(collection));
}

/** The agent channels gws-sim simulates: those that route a family's interactions. */
export const CHANNELS: readonly string[] = FAMILIES.flatMap((f) => (f.channel === undefined ? [] : [f.channel]));

/** Where the agent's multimedia channel states are notified (StartContactCenterSession, Ready, NotReady...). */
export const CHANNELS_TOPIC = '/v2/me/channels';

/** Where the agent's devices (its phone, and its voice state) are notified. */
export const DEVICES_TOPIC = '/v2/me/devices';

/**
 * The channel whose state the agent's phone shows: GWS's voice pages tell Ready, NotReady and the
 * rest with a DeviceStateChangeMessage on /v2/me/devices, and no page shows voice among the
 * ChannelStateChangeMessageV2's channels (modelled: gws-sim leaves it out of those and of GET /me/channels).
 */
export const DEVICE_CHANNEL = VOICE.channel!;

/** The agent is told of a change of its `channels`: on /v2/me/channels (role `agent`) and, for voice, on /v2/me/devices (role `device`). */
export function toldOfChannels(userId: string, channels: readonly string[]): { role: string; userId: string; topic?: string }[] {
  return [
    ...(channels.some((c) => c !== DEVICE_CHANNEL) ? [{ role: 'agent', userId }] : []),
    ...(channels.includes(DEVICE_CHANNEL) ? [{ role: 'device', userId, topic: DEVICES_TOPIC }] : []),
  ];
}

/**
 * The GWS topics an agent may subscribe to (GWS 8.5's pages): each family's, the channels', the
 * devices', and those of what gws-sim does not model yet, which `POST /sim/notify` can still push to.
 */
export const GWS_TOPICS: readonly string[] = [...new Set([...FAMILIES.map((f) => f.topic), DEVICES_TOPIC, CHANNELS_TOPIC, '/v2/me/emails', '/v2/me/smssessions'])];
