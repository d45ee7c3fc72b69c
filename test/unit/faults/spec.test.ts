import fc from 'fast-check';
import { FaultSpecError, formatFault, parseFaultSpec, SPEC_SYNTAX, toFault } from '../../../src/faults/spec';
import { FAULT_KINDS, FaultSchema, MAX_FAULT_COUNT, MAX_NTH, type Fault } from '../../../src/faults/types';
import { FileError } from '../../../src/validation';

describe('parseFaultSpec: the --fault SPEC', () => {
  it.each([
    ['drop:agent2:2', { kind: 'drop', agent: 'agent2', nth: 2 }],
    ['drop:agent2:*', { kind: 'drop', agent: 'agent2', nth: '*' }],
    ['drop:*:1', { kind: 'drop', agent: '*', nth: 1 }],
    ['duplicate:agent1:1,3', { kind: 'duplicate', agent: 'agent1', nth: [1, 3] }],
    ['reorder:agent2:2-4', { kind: 'reorder', agent: 'agent2', nth: [2, 3, 4] }],
    ['reorder:agent2:1,3-4,3', { kind: 'reorder', agent: 'agent2', nth: [1, 3, 4] }],
    ['delay:agent1:2:300', { kind: 'delay', agent: 'agent1', nth: 2, ms: 300 }],
    ['delay:agent1:*:200-500', { kind: 'delay', agent: 'agent1', nth: '*', ms: [200, 500] }],
    ['session-drop:agent2', { kind: 'session-drop', agent: 'agent2' }],
    ['session-drop:agent2:after=1', { kind: 'session-drop', agent: 'agent2', after: 1 }],
    ['cut:agent1:after=2', { kind: 'cut', agent: 'agent1', after: 2 }],
    ['rest:agent1:RemoveParticipantFromConference:4/500', { kind: 'rest', agent: 'agent1', operation: 'RemoveParticipantFromConference', statusCode: 4, httpStatus: 500 }],
    ['rest:agent1:*:2', { kind: 'rest', agent: 'agent1', operation: '*', statusCode: 2 }],
    ['rest:agent2:Accept:2', { kind: 'rest', agent: 'agent2', operation: 'Accept', statusCode: 2 }],
    ['rest:agent1:*:INTERNAL:*', { kind: 'rest', agent: 'agent1', operation: '*', error: 'INTERNAL', nth: '*' }],
  ])('%s', (spec, fault) => {
    expect(parseFaultSpec(spec)).toEqual(fault);
  });

  it.each(Object.entries(SPEC_SYNTAX))('the example of %s parses and formats back to itself', (_kind, { example }) => {
    expect(formatFault(parseFaultSpec(example))).toBe(example);
  });

  it.each([
    ['lose:agent2:2', "fault 'lose:agent2:2': unknown fault 'lose'; one of drop, duplicate, reorder, delay, session-drop, cut, rest, async-error, e.g. drop:agent2:2"],
    ['drop', "fault 'drop': no agent: expected drop:AGENT:NTH, e.g. drop:agent2:2"],
    ['drop:agent2', "fault 'drop:agent2': a part is missing; expected drop:AGENT:NTH, e.g. drop:agent2:2"],
    ['drop:agent2:0', "fault 'drop:agent2:0': '0' is not 1 or more, or not from <= to"],
    ['drop:agent2:second', "fault 'drop:agent2:second': 'second' is not a notification number"],
    ['reorder:agent2:4-2', "'4-2' is not 1 or more, or not from <= to"],
    ['drop:agent2:1-99999', "'1-99999' names more than 10000 notifications; use *"],
    ['drop:agent2:1-6000,7000-13000', "'1-6000,7000-13000' names more than 10000 notifications; use *"],
    ['drop:agent2:1-10000,10001', "'1-10000,10001' names more than 10000 notifications; use *"],
    ['delay:agent1:*:soon', "'soon' is not a delay in ms (300) or a range (200-500); expected delay:AGENT:NTH:MS, e.g. delay:agent1:*:200-500"],
    ['delay:agent1:*:500-200', 'ms: [min, max] with min <= max, got [500, 200]'],
    ['delay:agent1:*:9999999', 'ms: at most 3600000 ms (an hour)'],
    ['delay:agent1:*:99999999999999999999', "fault 'delay:agent1:*:99999999999999999999': ms: at most 3600000 ms (an hour); expected"],
    // Past 2^53, n++ stops changing n: these hung the process for good.
    ['drop:agent1:9007199254740992', "'9007199254740992' is past 1000000000, the largest notification number a fault may name"],
    ['delay:agent1:9007199254740990-9007199254740999:5', "'9007199254740990-9007199254740999' is past 1000000000"],
    ['duplicate:agent1:1,999999999-1000000001', "'999999999-1000000001' is past 1000000000"],
    ['rest:agent1:*:INTERNAL:9007199254740992', "'9007199254740992' is past 1000000000"],
    ['cut:agent1:after=9007199254740992', "'after=9007199254740992' is not after=N (N = 1 to 1000000000: after the agent's N-th notification)"],
    ['rest:agent1:*:1000', 'statusCode: at most 999'],
    ['session-drop:agent2:1', "'1' is not after=N (N = 1 to 1000000000: after the agent's N-th notification); expected session-drop:AGENT[:after=N]"],
    ['cut:agent2:after=0', "'after=0' is not after=N"],
    [
      'rest:agent1:Dance:4',
      "unknown operation 'Dance'; one of Accept, Reject, SendMessage, SendToAgents, SendStartTypingNotification, SendStopTypingNotification, " +
        'Consult, Transfer, Leave, Complete, RemoveParticipantFromConference, SetDisposition, AttachUserData, UpdateUserData, DeleteUserData, AddComment, ' +
        'SendCustomNotice, CancelConsult, SendCustomNoticeToAgents, SendStartTypingToAgentsNotification, SendStopTypingToAgentsNotification, SendNicknameUpdatedNotice, ' +
        'Dial, Answer, SingleStepTransfer, InitiateConference, Hold, Retrieve, SingleStepConference, InitiateTransfer, SendDtmf, DeleteUserDataPair, Hangup, SwapCalls, CompleteTransfer, CompleteConference, ClearCall, MuteCall, UnmuteCall, StartCallRecording, PauseCallRecording, ResumeCallRecording, StopCallRecording, ' +
        'StartContactCenterSession, EndContactCenterSession, Ready, NotReady, DoNotDisturbOn, DoNotDisturbOff or *',
    ],
    // A customer's action is not a REST call of an agent: no REST fault can name it.
    ['rest:agent1:CustomerMessage:4', "unknown operation 'CustomerMessage'"],
    ['rest:agent1:*:oops', "'oops' is neither a GWS statusCode (4, or 4/500 with the HTTP status) nor a catalogue code (ACCESS_DENIED"],
    ['rest:agent1:*:4/200', 'httpStatus: an HTTP error status from 400 to 599'],
    ['rest:agent1:*', "fault 'rest:agent1:*': a part is missing; expected rest:AGENT:OPERATION:ERROR[:NTH], e.g. rest:agent1:RemoveParticipantFromConference:4/500"],
  ])('%s is refused: %s', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });

  it('counts the numbers a list names, not its parts: overlaps up to 10,000 numbers are taken', () => {
    expect(parseFaultSpec('drop:agent2:1-10000,5')).toMatchObject({ nth: expect.any(Array) });
    expect((parseFaultSpec('drop:agent2:1-9999,1-2') as { nth: number[] }).nth).toHaveLength(9999);
  });

  it('a number of 5,000 digits is refused, and shown shortened', () => {
    expect(() => parseFaultSpec(`reorder:agent1:${'9'.repeat(5000)}`)).toThrow(`fault 'reorder:agent1:${'9'.repeat(182)}...': '${'9'.repeat(197)}...' is past 1000000000`);
  });

  it('takes the largest notification number, and a range up to it', () => {
    expect(parseFaultSpec(`drop:agent1:${MAX_FAULT_COUNT}`)).toEqual({ kind: 'drop', agent: 'agent1', nth: MAX_FAULT_COUNT });
    expect(parseFaultSpec(`session-drop:agent1:after=${MAX_FAULT_COUNT}`)).toEqual({ kind: 'session-drop', agent: 'agent1', after: MAX_FAULT_COUNT });
    expect((parseFaultSpec(`drop:agent1:${MAX_FAULT_COUNT - 2}-${MAX_FAULT_COUNT}`) as { nth: number[] }).nth).toHaveLength(3);
  });

  it('a bad spec is a FileError, so the CLI exits 2 (a usage error) on it', () => {
    expect(() => parseFaultSpec('nope')).toThrow(FileError);
  });
});

describe('formatFault: the SPEC as the user writes it', () => {
  it.each([
    ['drop:agent1:1-10000', 'drop:agent1:1-10000'],
    ['drop:agent1:1,3-4,3', 'drop:agent1:1,3,4'],
    ['delay:agent1:7,1-5,9-12:300', 'delay:agent1:1-5,7,9-12:300'],
    ['rest:agent1:*:4:2-900', 'rest:agent1:*:4:2-900'],
  ])('%s is shown as %s, not as every number', (spec, shown) => {
    expect(formatFault(parseFaultSpec(spec))).toBe(shown);
  });

  it('an object with a long list is shown compact too', () => {
    expect(formatFault({ kind: 'drop', agent: 'agent1', nth: Array.from({ length: 10_000 }, (_, i) => 10_000 - i) })).toBe('drop:agent1:1-10000');
  });
});

/** A number as a user may type it: small, near the bounds, near 2^53, or hundreds of digits. */
const typedNumber = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map(String),
  fc.integer({ min: MAX_FAULT_COUNT - 3, max: MAX_FAULT_COUNT + 3 }).map(String),
  fc.bigInt({ min: 2n ** 53n - 20n, max: 2n ** 53n + 20n }).map(String),
  fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
  fc.integer({ min: 1, max: 600 }).map((digits) => '9'.repeat(digits)),
);
const typedNth = fc.oneof(
  fc.constant('*'),
  fc.array(fc.oneof(typedNumber, fc.tuple(typedNumber, typedNumber).map(([a, b]) => `${a}-${b}`)), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(',')),
);
const typedSpec = fc.oneof(
  fc.tuple(fc.constantFrom('drop', 'duplicate', 'reorder'), typedNth).map(([kind, nth]) => `${kind}:agent1:${nth}`),
  fc.tuple(typedNth, typedNumber, fc.option(typedNumber)).map(([nth, ms, to]) => `delay:agent1:${nth}:${ms}${to === null ? '' : `-${to}`}`),
  fc.tuple(fc.constantFrom('session-drop', 'cut'), typedNumber).map(([kind, n]) => `${kind}:agent1:after=${n}`),
  fc.tuple(typedNumber, fc.option(typedNumber), fc.option(typedNth)).map(
    ([status, http, nth]) => `rest:agent1:*:${status}${http === null ? '' : `/${http}`}${nth === null ? '' : `:${nth}`}`,
  ),
  fc.tuple(fc.constantFrom(...FAULT_KINDS), fc.array(fc.oneof(typedNumber, typedNth), { maxLength: 4 })).map(([kind, parts]) => [kind, 'agent1', ...parts].join(':')),
);

/** Every number a fault holds, wherever it is. */
function numbersOf(fault: Fault): number[] {
  return Object.values(fault).flatMap((value) => (typeof value === 'number' ? [value] : Array.isArray(value) ? value : []));
}

describe('any typed SPEC, huge numbers and ranges included', () => {
  it('is parsed into a bounded fault that shows as a SPEC parsing back to it, or refused with a short message', () => {
    fc.assert(
      fc.property(typedSpec, (spec) => {
        let fault: Fault;
        try {
          fault = parseFaultSpec(spec);
        } catch (error) {
          expect(error).toBeInstanceOf(FaultSpecError);
          expect((error as Error).message.length).toBeLessThan(1500);
          return;
        }
        expect(FaultSchema.safeParse(fault).success).toBe(true);
        for (const n of numbersOf(fault)) expect(n).toBeLessThanOrEqual(MAX_FAULT_COUNT);
        if ('nth' in fault && Array.isArray(fault.nth)) expect(fault.nth.length).toBeLessThanOrEqual(MAX_NTH);
        expect(parseFaultSpec(formatFault(fault))).toEqual(fault);
      }),
      { numRuns: Number(process.env.RUNS ?? 2000) },
    );
  });
});

describe('toFault: a fault object or SPEC string', () => {
  it('takes both forms', () => {
    expect(toFault('drop:agent2:2')).toEqual(toFault({ kind: 'drop', agent: 'agent2', nth: 2 }));
  });

  it('refuses an object with unknown keys or a missing part, with an example', () => {
    expect(() => toFault({ kind: 'drop', agent: 'agent2', nth: 2, when: 'now' })).toThrow(/Unrecognized key.*"when".*e\.g\. \{"kind": "drop"/);
    expect(() => toFault({ kind: 'delay', agent: 'agent2', nth: 2 })).toThrow(/ms: /);
    expect(() => toFault({ kind: 'rest', agent: 'agent1', operation: '*' })).toThrow(/give either "error" .* or "statusCode"/);
    expect(() => toFault({ kind: 'rest', agent: 'agent1', operation: '*', statusCode: 4, error: 'INTERNAL' })).toThrow(/not both or neither/);
  });
});

describe('the async-error fault', () => {
  it.each([
    ['async-error:agent1:Consult', { kind: 'async-error', agent: 'agent1', operation: 'Consult' }],
    ['async-error:*:*:2,3', { kind: 'async-error', agent: '*', operation: '*', nth: [2, 3] }],
  ])('%s parses, and formats back the same', (spec, fault) => {
    expect(parseFaultSpec(spec)).toEqual(fault);
    expect(formatFault(parseFaultSpec(spec))).toBe(spec);
  });

  it.each([
    ['async-error:agent1', /a part is missing; expected async-error:AGENT:OPERATION\[:NTH\]/],
    ['async-error:agent1:Dance', /unknown operation 'Dance'/],
    ['async-error:agent1:Consult:0', /'0' is not 1 or more/],
  ])('%s is refused with what to write', (spec, why) => {
    expect(() => parseFaultSpec(spec)).toThrow(why);
  });

  it('an errorMessage is bounded', () => {
    expect(() => toFault({ kind: 'async-error', agent: 'agent1', operation: 'Consult', errorMessage: 'x'.repeat(1001) })).toThrow(/errorMessage/);
  });
});
