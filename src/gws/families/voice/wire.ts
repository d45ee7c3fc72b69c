import { LOGGED_OUT } from '../../agent-states';
import type { ChannelState } from '../../channels';
import type { GwsModel, Leg, Session } from '../../model';
import { VOICE_ENVIRONMENT_ID, type Device } from './devices';

/**
 * A call as GWS writes it, one per party (the "Call Control" pages' samples, key order as there):
 * the party's own id, state, capabilities, type, mute and recording state; the connection's connId,
 * numbers and user data (left out when empty, as the DeleteUserData page shows). `duration` is a
 * string of seconds since the leg connected. The initiator's consultation call adds `parentCallUri`
 * and `parentCallPath` (the CompleteConference page). The three supervisor flags are always false: gws-sim
 * has no supervisors (modelled).
 */
export function callWire(session: Session, userId: string, baseUrl: string, view: { state: string; capabilities: string[] }, phones: Phones, now: number) {
  const leg = session.legs![userId];
  const { device } = phones[userId];
  const path = `/calls/${leg.id}`;
  const userData = Object.keys(session.userData).length > 0 ? { userData: session.userData } : {};
  // The initiator's consultation call names the call it consults from (the CompleteConference page).
  const parent = session.call!.parent?.initiator === userId ? `/calls/${session.call!.parent.leg}` : undefined;
  return {
    id: leg.id,
    state: view.state,
    callUuid: leg.id,
    connId: session.id,
    deviceUri: `${baseUrl}/api/v2/devices/${device.id}`,
    participants: partiesOf(session, userId, phones).map(numberWire),
    ani: session.call!.ani,
    dnis: session.call!.dnis,
    callType: leg.callType,
    capabilities: view.capabilities,
    ...(parent === undefined ? {} : { parentCallUri: `${baseUrl}/api/v2/me${parent}` }),
    ...userData,
    duration: String(leg.establishedAt === undefined ? 0 : Math.max(0, Math.floor((now - leg.establishedAt) / 1000))),
    mute: leg.mute ? 'On' : 'Off',
    recordingState: leg.recordingState,
    supervisorListeningIn: false,
    monitoredUserMuted: false,
    monitoring: false,
    uri: `${baseUrl}/api/v2/me${path}`,
    path,
    ...(parent === undefined ? {} : { parentCallPath: parent }),
  };
}

/**
 * The numbers of the other parties of the connection: the customer's, the other agents' DNs, and
 * the phone still ringing (the Dial page's Dialing call lists the number dialed). A released call
 * keeps those it had (the Hangup page's sample).
 */
function partiesOf(session: Session, userId: string, phones: Phones): string[] {
  const agents = [...session.participants.flatMap((p) => (p.type === 'Agent' ? [p.userId] : [])), ...session.invited.map((i) => i.userId)];
  return [
    ...session.participants.flatMap((p) => (p.type === 'Customer' ? [p.nickname] : [])),
    ...agents.filter((id) => id !== userId).map((id) => phones[id].device.phoneNumber),
  ];
}

/** An agent's phone as a notification shows it: its device, its state on voice and do-not-disturb, taken when the operation was performed. */
export interface Phone {
  device: Device;
  voice: ChannelState | undefined;
  doNotDisturb: boolean;
}

export type Phones = Readonly<Record<string, Phone>>;

export function phoneOf(model: GwsModel, userId: string): Phone {
  return { device: model.deviceOf(userId), voice: model.channels.get(userId, 'voice'), doNotDisturb: model.channels.isDoNotDisturb(userId) };
}

/** The phones of everyone the call reached (a consultation completed lists the party that moved on): the parties' numbers and the recipients' devices. */
export function phonesOf(model: GwsModel, session: Session): Phones {
  const reached = new Set([...Object.keys(session.states), ...session.participants.flatMap((p) => (p.type === 'Agent' ? [p.userId] : []))]);
  return Object.fromEntries([...reached].map((userId) => [userId, phoneOf(model, userId)]));
}

/** A participant of a call: a number, as the pages write it (e164Number empty for an internal DN). */
function numberWire(phoneNumber: string) {
  return { e164Number: phoneNumber.startsWith('+') ? phoneNumber : '', formattedPhoneNumber: phoneNumber, phoneNumber, digits: phoneNumber.replace(/^\+/, '') };
}

/**
 * The device as `GET /api/v2/me/devices` and DeviceStateChangeMessage write it (the "Device
 * resource" page): `userState` is the agent's state on the voice channel (LoggedOut when it has not
 * logged in on voice: modelled), `doNotDisturb` On or Off, and the device operations gws-sim performs.
 */
export function deviceWire({ device, voice, doNotDisturb }: Phone, baseUrl: string) {
  const { id, displayName, state, workMode } = voice ?? { ...LOGGED_OUT, workMode: undefined };
  return {
    id: device.id,
    deviceState: 'Active',
    userState: { id, displayName, state, ...(workMode === undefined ? {} : { workMode }) },
    phoneNumber: device.phoneNumber,
    e164Number: device.phoneNumber,
    telephonyNetwork: 'Private',
    doNotDisturb: doNotDisturb ? 'On' : 'Off',
    voiceEnvironmentUri: `${baseUrl}/api/v2/voice-environments/${VOICE_ENVIRONMENT_ID}`,
    capabilities: [doNotDisturb ? 'DoNotDisturbOff' : 'DoNotDisturbOn'],
  };
}

export type { Leg };
