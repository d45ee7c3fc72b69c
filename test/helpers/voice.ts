import { loadFixture } from '../../src/gws/fixture';
import { devicesOf } from '../../src/gws/families/voice/devices';
import type { UserName, World } from './operations';
import { rest, type RestResponse } from './rest';

/** The default fixture's phones: agent1 7001, agent2 7002, agent3 7003 (families/voice/devices.ts). */
export const DEVICES: Record<UserName, { id: string; phoneNumber: string }> = Object.fromEntries(
  devicesOf(loadFixture().users).map((d, i) => [`agent${i + 1}`, { id: d.id, phoneNumber: d.phoneNumber }]),
) as Record<UserName, { id: string; phoneNumber: string }>;

export const VOICE_ENVIRONMENT = '/api/v2/voice-environments/370ef5e6-9e3c-4d91-9588-7f4dfe67e011';

/** The userStates of the default fixture's agent states, as the voice pages write them. */
export const USER_STATES = {
  Ready: { id: '9430250E-0A1B-421F-B372-F29E69366DED', displayName: 'Ready', state: 'Ready' },
  NotReady: { id: '900D55CC-2BB0-431F-8BF9-D3525B383BE6', displayName: 'Not Ready', state: 'NotReady' },
  AfterCallWork: { id: 'D3663509-3D82-4DD3-A82E-2EA8EFA02AEF', displayName: 'AfterCallWork', state: 'NotReady', workMode: 'AfterCallWork' },
  AuxWork: { id: '2B36138D-C564-4562-A8CB-3C32D564F296', displayName: 'AuxWork', state: 'NotReady', workMode: 'AuxWork' },
  LoggedOut: { id: '1F0E9D8C-7B6A-4C5D-8E4F-3A2B1C0D9E8F', displayName: 'Logged Out', state: 'LoggedOut' },
} as const;

/** The device as GET /api/v2/me/devices and DeviceStateChangeMessage write it (the "Device resource" page). */
export function deviceOf(baseUrl: string, user: UserName, userState: object, doNotDisturb = false) {
  return {
    id: DEVICES[user].id,
    deviceState: 'Active',
    userState,
    phoneNumber: DEVICES[user].phoneNumber,
    e164Number: DEVICES[user].phoneNumber,
    telephonyNetwork: 'Private',
    doNotDisturb: doNotDisturb ? 'On' : 'Off',
    voiceEnvironmentUri: `${baseUrl}${VOICE_ENVIRONMENT}`,
    capabilities: [doNotDisturb ? 'DoNotDisturbOff' : 'DoNotDisturbOn'],
  };
}

export const deviceMessage = (baseUrl: string, user: UserName, userState: object, doNotDisturb = false) => ({
  messageType: 'DeviceStateChangeMessage',
  devices: [deviceOf(baseUrl, user, userState, doNotDisturb)],
});

/** A participant of a call, as the pages write a number (e164Number empty for an internal DN). */
export const party = (phoneNumber: string) => ({
  e164Number: phoneNumber.startsWith('+') ? phoneNumber : '',
  formattedPhoneNumber: phoneNumber,
  phoneNumber,
  digits: phoneNumber.replace(/^\+/, ''),
});

/** What a call notification shows that a test states; the rest follows from the call's id and owner. */
export interface CallShape {
  id: string;
  connId: string;
  state: string;
  participants: string[];
  ani: string;
  dnis: string;
  callType: string;
  capabilities: string[];
  userData?: Record<string, unknown>;
  mute?: 'On' | 'Off';
  recordingState?: string;
  /** Default: any string of digits (the seconds since the party connected). */
  duration?: unknown;
  /** The call id of the call the initiator's consultation call consults from: its parentCallUri and parentCallPath. */
  parent?: string;
}

/** The whole call resource `user` is shown, key order as the pages' samples (ani as the older ones place it). */
export function callOf(baseUrl: string, user: UserName, shape: CallShape) {
  return {
    id: shape.id,
    state: shape.state,
    callUuid: shape.id,
    connId: shape.connId,
    deviceUri: `${baseUrl}/api/v2/devices/${DEVICES[user].id}`,
    participants: shape.participants.map(party),
    ani: shape.ani,
    dnis: shape.dnis,
    callType: shape.callType,
    capabilities: shape.capabilities,
    ...(shape.parent === undefined ? {} : { parentCallUri: `${baseUrl}/api/v2/me/calls/${shape.parent}` }),
    ...(shape.userData === undefined ? {} : { userData: shape.userData }),
    duration: shape.duration ?? expect.stringMatching(/^\d+$/),
    mute: shape.mute ?? 'Off',
    recordingState: shape.recordingState ?? 'Stopped',
    supervisorListeningIn: false,
    monitoredUserMuted: false,
    monitoring: false,
    uri: `${baseUrl}/api/v2/me/calls/${shape.id}`,
    path: `/calls/${shape.id}`,
    ...(shape.parent === undefined ? {} : { parentCallPath: `/calls/${shape.parent}` }),
  };
}

/**
 * A whole CallStateChangeMessage: `extensions` on StatusChange, DtmfSent and ParticipantsUpdated, as the
 * pages show, but on the call InitiateTransfer holds (`extended` false: the InitiateTransfer page).
 */
export function callMessage(baseUrl: string, user: UserName, notificationType: string, shape: CallShape, extended = ['StatusChange', 'DtmfSent', 'ParticipantsUpdated'].includes(notificationType)) {
  const extensions = extended ? { extensions: { BusinessCall: 0 } } : {};
  return { notificationType, call: callOf(baseUrl, user, shape), phoneNumber: DEVICES[user].phoneNumber, ...extensions, messageType: 'CallStateChangeMessage' };
}

export const calls = (told: readonly any[]) => told.filter((n) => n.messageType === 'CallStateChangeMessage');
export const devices = (told: readonly any[]) => told.filter((n) => n.messageType === 'DeviceStateChangeMessage');
/** `notificationType:state` of a call notification, `Device:<displayName>` of a device one, the messageType of others. */
export const summary = (n: any): string =>
  n.messageType === 'CallStateChangeMessage' ? `${n.notificationType}:${n.call.state}` : n.messageType === 'DeviceStateChangeMessage' ? `Device:${n.devices[0].userState.displayName}` : n.messageType;

const auth = (user: UserName) => ({ user, password: user });

/** POST /api/v2/me/devices/{id}/calls: `user`'s phone dials `phoneNumber` (its own device unless `deviceId`). */
export function dial(world: World, user: UserName, phoneNumber: string, params: Record<string, unknown> = {}, deviceId = DEVICES[user].id): Promise<RestResponse> {
  return rest(world.sim.url).post(`/api/v2/me/devices/${encodeURIComponent(deviceId)}/calls`, { operationName: 'Dial', destination: { phoneNumber }, ...params }, auth(user));
}

/** POST /api/v2/me/devices/{id}: DoNotDisturbOn, DoNotDisturbOff. */
export function onDevice(world: World, user: UserName, operationName: string, deviceId = DEVICES[user].id): Promise<RestResponse> {
  return rest(world.sim.url).post(`/api/v2/me/devices/${encodeURIComponent(deviceId)}`, { operationName }, auth(user));
}

/** `user` logs in on voice (and Ready there unless told): routing rings its phone. */
export async function onVoice(world: World, user: UserName, ready = true): Promise<void> {
  const answers = [await world.me(user, 'StartContactCenterSession', { channels: ['voice'] }), ...(ready ? [await world.onChannel(user, 'voice', 'Ready')] : [])];
  for (const answer of answers) if (answer.body?.statusCode !== 0) throw new Error(`${user} on voice: ${answer.text}`);
}

/** The only call notification `user` received since the last take (throws otherwise). */
export async function oneCall(world: World, user: UserName): Promise<any> {
  const told = calls(await world.take(user));
  if (told.length !== 1) throw new Error(`${user}: expected one call notification, received ${told.map(summary).join(', ') || 'none'}`);
  return told[0];
}

/** A customer's call to `user` (by name), answered: returns the call's connId and `user`'s own call id. */
export async function established(world: World, user: UserName, from = '+14155550100'): Promise<{ connId: string; id: string }> {
  const offered = await world.customer(undefined, '', { from, offerTo: user });
  if (offered.body?.statusCode !== 0) throw new Error(`call to ${user}: ${offered.text}`);
  const { call } = await oneCall(world, user);
  await world.ok(user, call.id, 'Answer');
  await world.take(user);
  return { connId: offered.body.id, id: call.id };
}
