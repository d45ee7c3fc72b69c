import { USERS, type UserName, type World } from './operations';
import { callMessage, DEVICES, established, type CallShape } from './voice';

/**
 * The capabilities of a call in each situation of a transfer, in the registry's order (the Answer
 * and Hold pages' order, then the consultation's, mute and recording): what
 * test/unit/gws/voice-capabilities.test.ts derives from the pages.
 */
const DATA = ['DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'];
const TRANSFERS = ['SingleStepTransfer', 'InitiateConference', 'Hold', 'SingleStepConference', 'InitiateTransfer', 'SendDtmf'];
export const CAPABILITIES = {
  /** A plain call, talking: the Answer page's list, then MuteCall and StartCallRecording. */
  established: [...TRANSFERS, ...DATA, 'MuteCall', 'StartCallRecording'],
  ringing: ['Answer', ...DATA],
  /** The initiator's original, Held while its transfer's consultation goes on (the InitiateTransfer page: SwapCalls and CompleteTransfer, no Retrieve). */
  heldTransferring: [...TRANSFERS.filter((name) => name !== 'Hold' && name !== 'SendDtmf'), ...DATA, 'SwapCalls', 'CompleteTransfer', 'StartCallRecording'],
  /** The initiator's consultation call, still dialing: the Dial page's list and CompleteTransfer. */
  consultDialing: ['SendDtmf', ...DATA, 'CompleteTransfer'],
  /** The initiator's consultation call, answered: both completions and SwapCalls. */
  consultEstablished: ['Hold', 'SendDtmf', ...DATA, 'SwapCalls', 'CompleteTransfer', 'CompleteConference', 'MuteCall', 'StartCallRecording'],
  /** The initiator's consultation call, Held once the original is retrieved by SwapCalls. */
  consultHeld: [...DATA, 'SwapCalls', 'CompleteTransfer', 'StartCallRecording'],
  /** The original, retrieved by SwapCalls while the consultation is Held (the SwapCalls page's list). */
  establishedOtherHeld: [...TRANSFERS, ...DATA, 'SwapCalls', 'CompleteTransfer', 'CompleteConference', 'MuteCall', 'StartCallRecording'],
  /** The consulted agent on the consultation: a consultation transfers nothing further. */
  consulted: ['Hold', 'SendDtmf', ...DATA, 'MuteCall', 'StartCallRecording'],
  released: [] as string[],
};

export const CUSTOMER = '+14155550100';

/** What a refusal must leave as it was: the calls, the agents' channels, the waiting list, the last referenceId (GET /sim/state). */
export const stateOf = (w: World) => JSON.stringify([w.sim.state().calls, w.sim.state().users, w.sim.state().waiting, w.sim.state().lastReferenceId]);

/** Each of `users` was sent nothing since the last take. */
export async function toldNothing(w: World, users: readonly UserName[] = USERS): Promise<void> {
  for (const user of users) expect([user, await w.take(user)]).toEqual([user, []]);
}

/** The three calls of a consultation: agent1's original and consultation, the destination's own call. */
export interface Consultation {
  original: CallShape;
  consulter: CallShape;
  /** The agent rung's own call (none for an outside number). */
  destination?: CallShape;
}

/**
 * agent1 answers a customer's call and InitiateTransfer to `to`: an agent (its DN) or an outside
 * number. Checks what agent1 and the agent rung are told (the original Held without `extensions`,
 * the consultation Dialing with its parent, the destination Ringing) and that nobody else is;
 * returns the calls' shapes as they are now (no destination for an outside number).
 */
export async function initiated(w: World, to?: UserName, params?: Record<string, unknown>): Promise<Required<Consultation>>;
export async function initiated(w: World, to: string, params?: Record<string, unknown>): Promise<Consultation>;
export async function initiated(w: World, to: string = 'agent2', params: Record<string, unknown> = {}): Promise<Consultation> {
  const { connId, id } = await established(w, 'agent1', CUSTOMER);
  const rung = USERS.find((user) => user === to);
  const phoneNumber = rung === undefined ? to : DEVICES[rung].phoneNumber;
  expect((await w.perform('agent1', id, 'InitiateTransfer', { destination: { phoneNumber }, ...params })).body).toEqual({ statusCode: 0 });
  const toAgent1 = await w.take('agent1');
  const consultation = toAgent1[1]?.call ?? {};
  const userData = params.userData as Record<string, unknown> | undefined;
  const original: CallShape = { id, connId, state: 'Held', participants: [CUSTOMER], ani: CUSTOMER, dnis: '7001', callType: 'Inbound', capabilities: CAPABILITIES.heldTransferring };
  const consulter: CallShape = { id: consultation.id, connId: consultation.connId, state: 'Dialing', participants: [phoneNumber], ani: '7001', dnis: phoneNumber, callType: 'Consult', capabilities: CAPABILITIES.consultDialing, userData, duration: '0', parent: id };
  expect(toAgent1).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', original, false), callMessage(w.sim.url, 'agent1', 'StatusChange', consulter)]);
  expect(consulter.connId).not.toBe(connId);
  await toldNothing(w, USERS.filter((user) => user !== 'agent1' && user !== rung));
  if (rung === undefined) return { original, consulter };
  const [ringing] = await w.take(rung);
  const destination: CallShape = { id: ringing?.call?.id, connId: consulter.connId, state: 'Ringing', participants: ['7001'], ani: '7001', dnis: phoneNumber, callType: 'Consult', capabilities: CAPABILITIES.ringing, userData, duration: '0' };
  expect(ringing).toEqual(callMessage(w.sim.url, rung, 'StatusChange', destination));
  expect(destination.id).not.toBe(consulter.id);
  return { original, consulter, destination };
}

/** The destination answers: both sides of the consultation Established, told to them alone; the shapes as they are now. */
export async function answered(w: World, { original, consulter, destination }: Required<Consultation>, rung: UserName = 'agent2'): Promise<Required<Consultation>> {
  await w.ok(rung, destination.id, 'Answer');
  const talking = { state: 'Established', duration: undefined };
  const after = {
    original,
    consulter: { ...consulter, ...talking, capabilities: CAPABILITIES.consultEstablished },
    destination: { ...destination, ...talking, capabilities: CAPABILITIES.consulted },
  };
  expect(await w.take(rung)).toEqual([callMessage(w.sim.url, rung, 'StatusChange', after.destination)]);
  expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', after.consulter)]);
  return after;
}
