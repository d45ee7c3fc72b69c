import type { CallState } from '../../../src/gws/families';
import { operationNames } from '../../../src/gws/operations/registry';
import { refusal, voiceWorld } from './voice-world';

const DATA = ['DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'];
/** What agent1 may do in each state its call is put in below (a direct call rings: no Reject). */
const ALLOWED: Record<Exclude<CallState, 'Released'>, string[]> = {
  Dialing: ['SendDtmf', ...DATA],
  Ringing: ['Answer', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'],
  Established: ['SingleStepTransfer', 'InitiateConference', 'Hold', 'SingleStepConference', 'InitiateTransfer', 'SendDtmf', ...DATA, 'MuteCall', 'StartCallRecording'],
  Held: ['SingleStepTransfer', 'InitiateConference', 'Retrieve', 'SingleStepConference', 'InitiateTransfer', ...DATA, 'StartCallRecording'],
};
const ANY = ['Dialing', 'Ringing', 'Established', 'Held'] as const;

/** Each agent operation on a call, the states it is allowed in, and parameters that would pass. */
const OPERATIONS: [string, readonly CallState[], Record<string, unknown>][] = [
  ['Answer', ['Ringing'], {}],
  ['Reject', ['Ringing'], {}],
  ['SingleStepTransfer', ['Established', 'Held'], { destination: { phoneNumber: '7003' } }],
  ['InitiateConference', ['Established', 'Held'], { destination: { phoneNumber: '7003' } }],
  ['Hold', ['Established'], {}],
  ['Retrieve', ['Held'], {}],
  ['SingleStepConference', ['Established', 'Held'], { destination: { phoneNumber: '7003' } }],
  ['InitiateTransfer', ['Established', 'Held'], { destination: { phoneNumber: '7003' } }],
  ['SendDtmf', ['Dialing', 'Established'], { digits: '5' }],
  ['DeleteUserData', ANY, {}],
  ['AttachUserData', ANY, { userData: { AccountNumber: '12345' } }],
  ['DeleteUserDataPair', ANY, { key: 'AccountNumber' }],
  ['Hangup', ANY, {}],
  ['UpdateUserData', ANY, { userData: { AccountNumber: '12345678' } }],
  ['SwapCalls', ['Established', 'Held'], { otherCallUri: '/calls/none' }],
  ['CompleteTransfer', ['Dialing', 'Established', 'Held'], {}],
  ['CompleteConference', ['Dialing', 'Established', 'Held'], {}],
  ['ClearCall', ['Established', 'Held'], {}],
  ['RemoveParticipantFromConference', ['Established'], { participant: '7002' }],
  ['MuteCall', ['Established'], {}],
  ['UnmuteCall', ['Established'], {}],
  ['StartCallRecording', ['Established', 'Held'], {}],
  ['PauseCallRecording', ['Established', 'Held'], {}],
  ['ResumeCallRecording', ['Established', 'Held'], {}],
  ['StopCallRecording', ['Established', 'Held'], {}],
];

/** A model where agent1's own call is in `state`: dialing agent2, rung by a customer, answered, held. */
function agent1In(state: Exclude<CallState, 'Released'>) {
  const w = voiceWorld();
  const connId = state === 'Dialing' ? w.dial('agent1', '7002').session.id : w.ring('agent1');
  const id = w.legOf(connId, 'agent1');
  if (state === 'Established' || state === 'Held') w.act('agent1', id, 'Answer');
  if (state === 'Held') w.act('agent1', id, 'Hold');
  return { ...w, connId, id };
}

describe('the call operations and the states they are allowed in', () => {
  it('cover every agent operation on a call', () => {
    expect(OPERATIONS.map(([name]) => name)).toEqual(operationNames('voice'));
  });

  const refused = OPERATIONS.flatMap(([name, states, params]) => ANY.filter((state) => !states.includes(state)).map((state) => [name, state, params] as const));

  it.each(refused)('%s on a %s call: statusCode 2, HTTP 400, naming the state and what is allowed; nothing changes', (name, state, params) => {
    const w = agent1In(state);
    const before = w.snapshot();
    const error = refusal(() => w.act('agent1', w.id, name, params));
    expect([error.statusCode, error.httpStatus, error.code]).toEqual([2, 400, 'WRONG_STATE']);
    expect(error.message).toBe(`Cannot ${name}: the call is ${state} for agent1, and ${name} is not allowed there. Allowed now: ${ALLOWED[state].join(', ')}.`);
    expect(w.snapshot()).toBe(before);
  });

  it.each(OPERATIONS)('%s on a Released call: statusCode 6, the call is no longer the agent\'s', (name, _states, params) => {
    const w = agent1In('Established');
    w.act('agent1', w.id, 'Hangup');
    const before = w.snapshot();
    const error = refusal(() => w.act('agent1', w.id, name, params));
    expect([error.statusCode, error.httpStatus, error.code]).toEqual([6, 404, 'NOT_A_PARTICIPANT']);
    expect(w.snapshot()).toBe(before);
  });
});

describe('operations their capabilities do not offer now: statusCode 2, saying why, changing nothing', () => {
  it.each<[string, (w: ReturnType<typeof agent1In>) => void, string, RegExp]>([
    ['Reject', () => {}, 'Ringing', /^Cannot Reject: only a call delivered through a queue can be rejected .* for agent1\.$/],
    ['MuteCall', (w) => w.act('agent1', w.id, 'MuteCall'), 'Established', /^Cannot MuteCall: call \S+ is already muted for agent1\.$/],
    ['UnmuteCall', () => {}, 'Established', /^Cannot UnmuteCall: call \S+ is not muted for agent1\.$/],
    ['PauseCallRecording', () => {}, 'Established', /^Cannot PauseCallRecording: the recording of call \S+ is Stopped for agent1\.$/],
    ['ResumeCallRecording', (w) => w.act('agent1', w.id, 'StartCallRecording'), 'Established', /the recording of call \S+ is Recording/],
    ['StopCallRecording', () => {}, 'Held', /the recording of call \S+ is Stopped/],
    ['StartCallRecording', (w) => w.act('agent1', w.id, 'StartCallRecording'), 'Held', /the recording of call \S+ is Recording/],
  ])('%s', (name, before, state, says) => {
    const w = agent1In(state as 'Ringing');
    before(w);
    const snapshot = w.snapshot();
    const error = refusal(() => w.act('agent1', w.id, name));
    expect([error.statusCode, error.httpStatus, error.code]).toEqual([2, 400, 'CALL_NOT_ALLOWED']);
    expect(error.message).toMatch(says);
    expect(w.snapshot()).toBe(snapshot);
  });

  it("Dial of the caller's own DN, or of an agent on do-not-disturb", () => {
    const w = voiceWorld();
    w.onDevice('agent2', 'DoNotDisturbOn');
    const before = w.snapshot();
    expect(refusal(() => w.dial('agent1', '7001')).message).toBe("Cannot Dial: 7001 is the caller's own phone for agent1.");
    const dnd = refusal(() => w.dial('agent1', '7002'));
    expect([dnd.statusCode, dnd.code, dnd.message]).toEqual([2, 'DO_NOT_DISTURB', "Cannot Dial 7002: agent2's phone is on do-not-disturb (DoNotDisturbOff ends it)."]);
    expect(w.snapshot()).toBe(before);
  });

  it("the customer's answer or refusal of a call that is not a call to an outside number still dialing; any action once it has hung up", () => {
    const w = agent1In('Ringing');
    for (const name of ['CustomerAnswer', 'CustomerRefuse']) {
      const error = refusal(() => w.customer(name, w.connId));
      expect([error.statusCode, error.message]).toEqual([2, `Cannot ${name}: call ${w.connId} is not a call to an outside number still dialing for the customer.`]);
    }
    w.customer('CustomerHangup', w.connId);
    const before = w.snapshot();
    for (const name of ['CustomerHangup', 'CustomerAnswer', 'CustomerRefuse']) expect(refusal(() => w.customer(name, w.connId)).code).toBe('CALL_OVER');
    expect(w.snapshot()).toBe(before);
  });
});

describe('parameters: statusCode 1, naming the parameter, changing nothing', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['SendDtmf', {}, 'MISSING_PARAMETER', "'digits'"],
    ['SendDtmf', { digits: 'abc' }, 'INVALID_PARAMETER', "'digits'"],
    ['SendDtmf', { digits: 5 }, 'INVALID_PARAMETER', "'digits'"],
    ['SendDtmf', { digits: '1'.repeat(65) }, 'INVALID_PARAMETER', "'digits'"],
    ['AttachUserData', {}, 'MISSING_PARAMETER', "'userData'"],
    ['AttachUserData', { userData: 'AccountNumber=1' }, 'INVALID_PARAMETER', "'userData'"],
    ['UpdateUserData', { userData: null }, 'INVALID_PARAMETER', "'userData'"],
    ['UpdateUserData', { userData: [1] }, 'INVALID_PARAMETER', "'userData'"],
    ['DeleteUserDataPair', {}, 'MISSING_PARAMETER', "'key'"],
    ['DeleteUserDataPair', { key: 5 }, 'INVALID_PARAMETER', "'key'"],
    ['Consult', {}, 'UNKNOWN_OPERATION', "Unknown operationName 'Consult' for a call"],
  ])('%s %j: %s', (name, params, code, says) => {
    const w = agent1In('Established');
    const before = w.snapshot();
    const error = refusal(() => w.act('agent1', w.id, name, params));
    expect([error.statusCode, error.httpStatus, error.code]).toEqual([1, 400, code]);
    expect(error.message).toContain(says);
    expect(w.snapshot()).toBe(before);
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ destination: undefined }, 'MISSING_PARAMETER', "'destination'"],
    [{ destination: '7002' }, 'INVALID_PARAMETER', "'destination'"],
    [{ destination: { phoneNumber: 'seven' } }, 'INVALID_PARAMETER', "'destination': expected a phone number"],
    [{ destination: { phoneNumber: '7002', extension: '1' } }, 'INVALID_PARAMETER', "'destination'"],
    [{ destination: { phoneNumber: '7002' }, userData: 'x' }, 'INVALID_PARAMETER', "'userData'"],
    [{ destination: { phoneNumber: '7002' }, location: 3 }, 'INVALID_PARAMETER', "'location'"],
  ])('Dial %j: %s', (params, code, says) => {
    const w = voiceWorld();
    const before = w.snapshot();
    const error = refusal(() => w.dial('agent1', '7002', params));
    expect([error.statusCode, error.code]).toEqual([1, code]);
    expect(error.message).toContain(says);
    expect(w.snapshot()).toBe(before);
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ from: 'anonymous' }, 'INVALID_PARAMETER', "'from'"],
    [{ offerTo: 'nobody' }, 'NO_SUCH_AGENT', 'nobody'],
    [{ offerTo: '' }, 'INVALID_PARAMETER', "'offerTo'"],
    [{ userData: 'x' }, 'INVALID_PARAMETER', "'userData'"],
  ])("the customer's call %j: %s", (params, code, says) => {
    const w = voiceWorld();
    const before = w.snapshot();
    const error = refusal(() => w.customer('Offer', undefined, params));
    expect([error.statusCode, error.code]).toEqual([1, code]);
    expect(error.message).toContain(says);
    expect(w.snapshot()).toBe(before);
  });
});

describe('ids that are not the caller\'s: statusCode 6, HTTP 404, changing nothing', () => {
  it('an unknown call id, another agent\'s call id, and the connId (the call is named by the agent\'s own id)', () => {
    const w = voiceWorld();
    const connId = w.dial('agent1', '7002').session.id;
    const before = w.snapshot();
    for (const [by, id] of [['agent1', 'no-such-call'], ['agent1', w.legOf(connId, 'agent2')], ['agent2', w.legOf(connId, 'agent1')], ['agent1', connId], ['agent3', w.legOf(connId, 'agent1')]]) {
      const error = refusal(() => w.act(by, id, 'Hangup'));
      expect([by, id, error.statusCode, error.httpStatus, error.message]).toEqual([by, id, 6, 404, `No call ${id}.`]);
    }
    expect(w.snapshot()).toBe(before);
  });

  it("a device that is not the caller's: Dial and DoNotDisturbOn", () => {
    const w = voiceWorld();
    const agent2Device = w.model.deviceOf(w.user('agent2').id).id;
    const before = w.snapshot();
    const dial = refusal(() => w.dial('agent1', '7003', {}, agent2Device));
    expect([dial.statusCode, dial.httpStatus, dial.code]).toEqual([6, 404, 'DEVICE_NOT_FOUND']);
    expect(dial.message).toBe(`No device ${agent2Device} for agent1: its device is ${w.model.deviceOf(w.user('agent1').id).id} (GET /api/v2/me/devices).`);
    const dnd = refusal(() => w.onDevice('agent1', 'DoNotDisturbOn', agent2Device));
    expect([dnd.statusCode, dnd.httpStatus, dnd.code]).toEqual([6, 404, 'DEVICE_NOT_FOUND']);
    expect(w.snapshot()).toBe(before);
  });
});
