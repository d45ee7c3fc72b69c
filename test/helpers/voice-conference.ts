import type { World } from './operations';
import { CAPABILITIES as TRANSFER, CUSTOMER } from './transfer';
import { calls, established, summary, type CallShape } from './voice';

/** The capabilities of each situation, in the registry's order (test/unit/gws/voice-capabilities.test.ts shows the pages behind each): a transfer's and a conference's alike, and a conference's own. */
const DATA = ['DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'];
const STARTING = ['SingleStepTransfer', 'InitiateConference'];
const ADDING = ['SingleStepConference', 'InitiateTransfer'];
export const CAPABILITIES = {
  ringing: TRANSFER.ringing,
  established: TRANSFER.established,
  consultEstablished: TRANSFER.consultEstablished,
  consulted: TRANSFER.consulted,
  /** The original retrieved while its consultation is held (the SwapCalls page's list). */
  retrieved: TRANSFER.establishedOtherHeld,
  /** Ringing through a queue: Reject too (the Reject page). */
  routed: ['Answer', 'Reject', ...DATA],
  /** A conference (three parties or more), of another agent. */
  conference: [...STARTING, 'Hold', ...ADDING, 'SendDtmf', ...DATA, 'ClearCall', 'MuteCall', 'StartCallRecording'],
  /** A conference its owner is on. */
  owner: [...STARTING, 'Hold', ...ADDING, 'SendDtmf', ...DATA, 'ClearCall', 'RemoveParticipantFromConference', 'MuteCall', 'StartCallRecording'],
  /** A call held (the Hold page's list), and a conference held: ClearCall too. */
  held: [...STARTING, 'Retrieve', ...ADDING, ...DATA, 'StartCallRecording'],
  heldConference: [...STARTING, 'Retrieve', ...ADDING, ...DATA, 'ClearCall', 'StartCallRecording'],
  /** The held original while its conference's consultation goes on: Retrieve (the InitiateConference page) and CompleteConference. */
  heldConferencing: [...STARTING, 'Retrieve', ...ADDING, ...DATA, 'CompleteConference', 'StartCallRecording'],
  /** The initiator's consultation call, dialing: the Dial page's list and CompleteConference. */
  consultDialing: ['SendDtmf', ...DATA, 'CompleteConference'],
  /** The initiator's conference consultation call, held once the original is retrieved. */
  consultHeld: ['Retrieve', ...DATA, 'CompleteConference', 'StartCallRecording'],
};

/** A change to a shape: its state and capabilities (and the rest a step changes); `duration` recomputed unless given. */
export const as = (shape: CallShape, state: string, capabilities: string[], more: Partial<CallShape> = {}): CallShape => ({ ...shape, state, capabilities, duration: undefined, ...more });
export const released = (shape: CallShape, more: Partial<CallShape> = {}): CallShape => as(shape, 'Released', [], more);

/** agent1's call with the customer, agent1's consultation call and agent2's, as their latest notifications show them. */
export interface Consulting {
  original: CallShape;
  consultation: CallShape;
  consulted: CallShape;
  /** What InitiateConference told agent1 and agent2 (and Answer, when answered). */
  told: Record<'agent1' | 'agent2', any[]>;
}

/**
 * A customer's call to agent1, answered; agent1 InitiateConference to 7002 (agent2), which agent2
 * answers unless told not to. The shapes are what the pages (and the design) say each call shows.
 */
export async function consulting(w: World, answer = true): Promise<Consulting> {
  const { connId, id } = await established(w, 'agent1', CUSTOMER);
  await w.ok('agent1', id, 'InitiateConference', { destination: { phoneNumber: '7002' } });
  const told = { agent1: calls(await w.take('agent1')), agent2: calls(await w.take('agent2')) };
  if (told.agent1.length !== 2 || told.agent2.length !== 1) throw new Error(`InitiateConference told agent1 ${told.agent1.map(summary)} and agent2 ${told.agent2.map(summary)}`);
  const consultConnId = told.agent1[1].call.connId;
  const original: CallShape = { id, connId, state: 'Held', participants: [CUSTOMER], ani: CUSTOMER, dnis: '7001', callType: 'Inbound', capabilities: CAPABILITIES.heldConferencing };
  const dialing = { connId: consultConnId, ani: '7001', dnis: '7002', callType: 'Consult', duration: '0' };
  let consultation: CallShape = { ...dialing, id: told.agent1[1].call.id, state: 'Dialing', participants: ['7002'], capabilities: CAPABILITIES.consultDialing, parent: id };
  let consulted: CallShape = { ...dialing, id: told.agent2[0].call.id, state: 'Ringing', participants: ['7001'], capabilities: CAPABILITIES.ringing };
  if (answer) {
    await w.ok('agent2', consulted.id, 'Answer');
    told.agent1.push(...calls(await w.take('agent1')));
    told.agent2.push(...calls(await w.take('agent2')));
    consultation = as(consultation, 'Established', CAPABILITIES.consultEstablished);
    consulted = as(consulted, 'Established', CAPABILITIES.consulted);
  }
  return { original, consultation, consulted, told };
}

/** agent1's conference with the customer and agent2, completed on the consultation call: agent1's and agent2's calls on it. */
export async function inConference(w: World): Promise<{ agent1: CallShape; agent2: CallShape }> {
  const { original, consulted } = await consulting(w);
  await w.ok('agent1', original.id, 'CompleteConference');
  await w.skip();
  return {
    agent1: as(original, 'Established', CAPABILITIES.owner, { participants: [CUSTOMER, '7002'] }),
    agent2: as(consulted, 'Established', CAPABILITIES.conference, { connId: original.connId, ani: CUSTOMER, dnis: '7001', participants: [CUSTOMER, '7001'] }),
  };
}
