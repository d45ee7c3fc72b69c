import { loadFixture } from '../../src/gws/fixture';
import { TRANSPORTS, type Transport } from '../helpers/agent';
import { useWorld, type World } from '../helpers/operations';
import { rest } from '../helpers/rest';
import { callMessage, calls, deviceMessage, dial, devices, established, oneCall, onDevice, onVoice, summary, USER_STATES, type CallShape } from '../helpers/voice';

/** The capabilities of each state, in the order of the pages' samples (README "Calls"). */
const DIALING = ['SendDtmf', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'];
const RINGING = ['Answer', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'];
const DATA = ['DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'];
const TRANSFERS = ['SingleStepTransfer', 'InitiateConference'];
const ESTABLISHED = [...TRANSFERS, 'Hold', 'SingleStepConference', 'InitiateTransfer', 'SendDtmf', ...DATA, 'MuteCall', 'StartCallRecording'];
const HELD = [...TRANSFERS, 'Retrieve', 'SingleStepConference', 'InitiateTransfer', ...DATA, 'StartCallRecording'];
const FROM = '+14155550100';

/** A fixture whose outbound calls are answered only when the customer says so. */
function answeredByHand() {
  const fixture = loadFixture();
  return { ...fixture, voice: { ...fixture.voice, answerAfterMs: 0 } };
}

describe.each(TRANSPORTS)('each voice operation over %s: every party told, as the pages show it', (transport: Transport) => {
  const world = useWorld(transport, 'voice');
  const url = () => world().sim.url;
  /** agent1's call with a customer, answered: its notifications' shape and what a test changes of it. */
  async function inbound(w: World): Promise<CallShape> {
    const { connId, id } = await established(w, 'agent1');
    return { id, connId, state: 'Established', participants: [FROM], ani: FROM, dnis: '7001', callType: 'Inbound', capabilities: ESTABLISHED };
  }

  test('Offer to an agent, then Answer: Ringing, then Established, to that agent alone', async () => {
    const w = world();
    const offered = await w.customer(undefined, '', { from: FROM, offerTo: 'agent1', userData: { Product: 'Guitars' } });
    expect(offered.body).toEqual({ statusCode: 0, id: expect.any(String) });
    const ringing = await oneCall(w, 'agent1');
    const shape: CallShape = { id: ringing.call.id, connId: offered.body.id, state: 'Ringing', participants: [FROM], ani: FROM, dnis: '7001', callType: 'Inbound', capabilities: RINGING, userData: { Product: 'Guitars' }, duration: '0' };
    expect(ringing).toEqual(callMessage(url(), 'agent1', 'StatusChange', shape));
    expect(Object.keys(ringing.call)).toEqual(Object.keys(callMessage(url(), 'agent1', 'StatusChange', shape).call));

    expect((await w.perform('agent1', ringing.call.id, 'Answer')).body).toEqual({ statusCode: 0 });
    expect(await oneCall(w, 'agent1')).toEqual(callMessage(url(), 'agent1', 'StatusChange', { ...shape, state: 'Established', capabilities: ESTABLISHED, duration: undefined }));
    expect(await w.take('agent2')).toEqual([]);
    expect(await w.take('agent3')).toEqual([]);
  });

  test('Dial another agent (Internal), Answer, Hangup: each party its own call, one connId, both told each change', async () => {
    const w = world();
    expect((await dial(w, 'agent1', '7002')).body).toEqual({ statusCode: 0 });
    const dialing = await oneCall(w, 'agent1');
    const ringing = await oneCall(w, 'agent2');
    const connId = dialing.call.connId;
    const caller: CallShape = { id: dialing.call.id, connId, state: 'Dialing', participants: ['7002'], ani: '7001', dnis: '7002', callType: 'Internal', capabilities: DIALING, duration: '0' };
    const callee: CallShape = { id: ringing.call.id, connId, state: 'Ringing', participants: ['7001'], ani: '7001', dnis: '7002', callType: 'Internal', capabilities: RINGING, duration: '0' };
    expect(dialing).toEqual(callMessage(url(), 'agent1', 'StatusChange', caller));
    expect(ringing).toEqual(callMessage(url(), 'agent2', 'StatusChange', callee));
    expect(caller.id).not.toBe(callee.id);
    expect(await w.take('agent3')).toEqual([]);

    expect((await w.perform('agent2', callee.id, 'Answer')).body).toEqual({ statusCode: 0 });
    const connected = { state: 'Established', capabilities: ESTABLISHED, duration: undefined };
    expect(await oneCall(w, 'agent2')).toEqual(callMessage(url(), 'agent2', 'StatusChange', { ...callee, ...connected }));
    expect(await oneCall(w, 'agent1')).toEqual(callMessage(url(), 'agent1', 'StatusChange', { ...caller, ...connected }));

    expect((await w.perform('agent1', caller.id, 'Hangup')).body).toEqual({ statusCode: 0 });
    const released = { state: 'Released', capabilities: [], duration: undefined };
    // Neither agent is logged in on voice: no after-call work.
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', { ...caller, ...released })]);
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'StatusChange', { ...callee, ...released })]);
    expect(await w.take('agent3')).toEqual([]);
  });

  test('Dial a number outside (Outbound): Dialing, then Established when the customer answers (at once at time scale 0)', async () => {
    const w = world();
    expect((await dial(w, 'agent1', '+33123456789', { location: 'Paris', userData: { Campaign: 'Spring' } })).body).toEqual({ statusCode: 0 });
    const told = calls(await w.take('agent1'));
    expect(told.map(summary)).toEqual(['StatusChange:Dialing', 'StatusChange:Established']);
    const shape: CallShape = { id: told[0].call.id, connId: told[0].call.connId, state: 'Dialing', participants: ['+33123456789'], ani: '7001', dnis: '+33123456789', callType: 'Outbound', capabilities: DIALING, userData: { Campaign: 'Spring' }, duration: '0' };
    expect(told[0]).toEqual(callMessage(url(), 'agent1', 'StatusChange', shape));
    expect(told[1]).toEqual(callMessage(url(), 'agent1', 'StatusChange', { ...shape, state: 'Established', capabilities: ESTABLISHED, duration: undefined }));
  });

  test('Hold and Retrieve: Held (Retrieve offered), then Established again, to the agent alone', async () => {
    const w = world();
    const shape = await inbound(w);
    await w.ok('agent1', shape.id, 'Hold');
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', { ...shape, state: 'Held', capabilities: HELD })]);
    await w.ok('agent1', shape.id, 'Retrieve');
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', shape)]);
  });

  test('SendDtmf: DtmfSent, the call still Established', async () => {
    const w = world();
    const shape = await inbound(w);
    await w.ok('agent1', shape.id, 'SendDtmf', { digits: '1234#' });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'DtmfSent', shape)]);
  });

  test('MuteCall and UnmuteCall: StatusChange with mute On (UnmuteCall offered), then Off (MuteCall offered)', async () => {
    const w = world();
    const shape = await inbound(w);
    await w.ok('agent1', shape.id, 'MuteCall');
    const muted = [...TRANSFERS, 'Hold', 'SingleStepConference', 'InitiateTransfer', 'SendDtmf', ...DATA, 'UnmuteCall', 'StartCallRecording'];
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', { ...shape, mute: 'On', capabilities: muted })]);
    await w.ok('agent1', shape.id, 'UnmuteCall');
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', shape)]);
  });

  test('the user data operations: AttachedDataChanged with the whole user data to every party (none once empty), no extensions', async () => {
    const w = world();
    await dial(w, 'agent1', '7002');
    const caller = (await oneCall(w, 'agent1')).call;
    const callee = (await oneCall(w, 'agent2')).call;
    const shapes: Record<'agent1' | 'agent2', CallShape> = {
      agent1: { id: caller.id, connId: caller.connId, state: 'Dialing', participants: ['7002'], ani: '7001', dnis: '7002', callType: 'Internal', capabilities: DIALING },
      agent2: { id: callee.id, connId: caller.connId, state: 'Ringing', participants: ['7001'], ani: '7001', dnis: '7002', callType: 'Internal', capabilities: RINGING },
    };
    const steps: [string, 'agent1' | 'agent2', Record<string, unknown>, Record<string, unknown> | undefined][] = [
      ['AttachUserData', 'agent1', { userData: { AccountNumber: '12345', CustomerSegment: 'Gold' } }, { AccountNumber: '12345', CustomerSegment: 'Gold' }],
      ['UpdateUserData', 'agent2', { userData: { AccountNumber: '12345678', CustomerName: 'James' } }, { AccountNumber: '12345678', CustomerSegment: 'Gold', CustomerName: 'James' }],
      ['DeleteUserDataPair', 'agent1', { key: 'CustomerSegment' }, { AccountNumber: '12345678', CustomerName: 'James' }],
      ['DeleteUserDataPair', 'agent1', { key: 'NotThere' }, { AccountNumber: '12345678', CustomerName: 'James' }],
      ['DeleteUserData', 'agent2', {}, undefined],
    ];
    for (const [operation, by, params, userData] of steps) {
      expect((await w.perform(by, shapes[by].id, operation, params)).body).toEqual({ statusCode: 0 });
      for (const party of ['agent1', 'agent2'] as const) {
        expect([operation, await w.take(party)]).toEqual([operation, [callMessage(url(), party, 'AttachedDataChanged', { ...shapes[party], userData })]]);
      }
    }
    expect(await w.take('agent3')).toEqual([]);
  });

  test('the recording operations: CallRecordingStateChange, recordingState and the recording capabilities that follow, no extensions', async () => {
    const w = world();
    const shape = await inbound(w);
    const base = [...TRANSFERS, 'Hold', 'SingleStepConference', 'InitiateTransfer', 'SendDtmf', ...DATA, 'MuteCall'];
    const steps: [string, string, string[]][] = [
      ['StartCallRecording', 'Recording', ['PauseCallRecording', 'StopCallRecording']],
      ['PauseCallRecording', 'Paused', ['ResumeCallRecording', 'StopCallRecording']],
      ['ResumeCallRecording', 'Recording', ['PauseCallRecording', 'StopCallRecording']],
      ['StopCallRecording', 'Stopped', ['StartCallRecording']],
    ];
    for (const [operation, recordingState, recording] of steps) {
      await w.ok('agent1', shape.id, operation);
      expect([operation, await w.take('agent1')]).toEqual([operation, [callMessage(url(), 'agent1', 'CallRecordingStateChange', { ...shape, recordingState, capabilities: [...base, ...recording] })]]);
    }
    // Paused, then stopped straight from there.
    await w.ok('agent1', shape.id, 'StartCallRecording');
    await w.ok('agent1', shape.id, 'PauseCallRecording');
    await w.ok('agent1', shape.id, 'StopCallRecording');
    expect(calls(await w.take('agent1')).map((n) => n.call.recordingState)).toEqual(['Recording', 'Paused', 'Stopped']);
  });

  test('Hangup of a customer call: Released, capabilities empty; the agent on voice goes into after-call work, then back', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await w.take('agent1');
    const shape = await inbound(w);
    await w.ok('agent1', shape.id, 'Hangup');
    expect(await w.take('agent1')).toEqual([
      callMessage(url(), 'agent1', 'StatusChange', { ...shape, state: 'Released', capabilities: [] }),
      deviceMessage(url(), 'agent1', USER_STATES.AfterCallWork),
      deviceMessage(url(), 'agent1', USER_STATES.Ready),
    ]);
  });

  test('Hangup of a ringing call releases it: the callee of an internal call hangs up, the caller is Released too', async () => {
    const w = world();
    await dial(w, 'agent1', '7002');
    const dialing = await oneCall(w, 'agent1');
    const ringing = await oneCall(w, 'agent2');
    expect((await w.perform('agent2', ringing.call.id, 'Hangup')).body).toEqual({ statusCode: 0 });
    expect(calls(await w.take('agent2')).map((n) => [summary(n), n.call.capabilities])).toEqual([['StatusChange:Released', []]]);
    expect(calls(await w.take('agent1')).map((n) => [summary(n), n.call.id])).toEqual([['StatusChange:Released', dialing.call.id]]);
  });

  test('DoNotDisturbOn and DoNotDisturbOff: the device, doNotDisturb On then Off, the state on voice kept', async () => {
    const w = world();
    await onVoice(w, 'agent2');
    await w.take('agent2');
    expect((await onDevice(w, 'agent2', 'DoNotDisturbOn')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent2')).toEqual([deviceMessage(url(), 'agent2', USER_STATES.Ready, true)]);
    expect((await onDevice(w, 'agent2', 'DoNotDisturbOff')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent2')).toEqual([deviceMessage(url(), 'agent2', USER_STATES.Ready, false)]);
    expect(await w.take('agent1')).toEqual([]);
  });

  test("the customer's Offer through the queue and CustomerHangup: Ringing with Reject at the Ready agent, Released when the customer hangs up", async () => {
    const w = world();
    await onVoice(w, 'agent3');
    await w.take('agent3');
    const offered = await w.customer(undefined, '', { from: FROM });
    expect(offered.body).toEqual({ statusCode: 0, id: expect.any(String), offeredTo: 'agent3' });
    const ringing = await oneCall(w, 'agent3');
    const shape: CallShape = { id: ringing.call.id, connId: offered.body.id, state: 'Ringing', participants: [FROM], ani: FROM, dnis: '9000', callType: 'Inbound', capabilities: ['Answer', 'Reject', ...RINGING.slice(1)], duration: '0' };
    expect(ringing).toEqual(callMessage(url(), 'agent3', 'StatusChange', shape));
    await w.ok('agent3', shape.id, 'Answer');
    await w.take('agent3');
    expect((await w.customer(offered.body.id, 'hangup')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent3')).toEqual([
      callMessage(url(), 'agent3', 'StatusChange', { ...shape, state: 'Released', capabilities: [], duration: undefined }),
      deviceMessage(url(), 'agent3', USER_STATES.AfterCallWork),
      deviceMessage(url(), 'agent3', USER_STATES.Ready),
    ]);
  });

  test('GET /api/v2/me/calls and /calls/{id}: each agent its own calls, as its notifications show them', async () => {
    const w = world();
    await dial(w, 'agent1', '7002');
    const dialing = await oneCall(w, 'agent1');
    const ringing = await oneCall(w, 'agent2');
    const get = (user: 'agent1' | 'agent2', path: string) => rest(url()).get(`/api/v2/me/calls${path}`, { user, password: user });
    const [one, own, all] = [await get('agent1', `/${dialing.call.id}`), await get('agent2', ''), await get('agent2', '?fields=*')];
    expect(one.body).toEqual({ statusCode: 0, call: dialing.call });
    expect(own.body).toEqual({ statusCode: 0, uris: [ringing.call.uri] });
    expect(all.body).toEqual({ statusCode: 0, calls: [ringing.call] });
    const other = await get('agent2', `/${dialing.call.id}`);
    expect([other.status, other.body.statusCode]).toEqual([404, 6]);
  });

  test('a device message carries no notificationType; calls come on /v2/me/calls, devices on /v2/me/devices', async () => {
    const w = world();
    const onTopics = await w.sim.agent('agent2', { transport, channel: '/v2/me/*' });
    const seen: string[] = [];
    onTopics.onNotification((n) => seen.push(`${n.channel} ${summary(n.data)}`));
    await onVoice(w, 'agent2', false);
    await w.customer(undefined, '', { from: FROM, offerTo: 'agent2' });
    await w.sim.settled();
    expect(seen).toEqual(['/v2/me/devices Device:Not Ready', '/v2/me/calls StatusChange:Ringing']);
    expect(devices(onTopics.notifications)[0]).not.toHaveProperty('notificationType');
  });
});

describe.each(TRANSPORTS)("the customer's answer to an outbound call over %s (voice.answerAfterMs 0: by hand)", (transport: Transport) => {
  const world = useWorld(transport, 'voice', { fixture: answeredByHand() });

  test('CustomerAnswer: Established for the agent who dialed; CustomerRefuse: Released; neither again once done', async () => {
    const w = world();
    await dial(w, 'agent2', '+441632960000');
    const dialing = await oneCall(w, 'agent2');
    const shape: CallShape = { id: dialing.call.id, connId: dialing.call.connId, state: 'Dialing', participants: ['+441632960000'], ani: '7002', dnis: '+441632960000', callType: 'Outbound', capabilities: DIALING, duration: '0' };
    expect(dialing).toEqual(callMessage(w.sim.url, 'agent2', 'StatusChange', shape));
    expect((await w.customer(shape.connId, 'answer')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent2')).toEqual([callMessage(w.sim.url, 'agent2', 'StatusChange', { ...shape, state: 'Established', capabilities: ESTABLISHED, duration: undefined })]);

    await dial(w, 'agent2', '+441632960001');
    const second = await oneCall(w, 'agent2');
    expect((await w.customer(second.call.connId, 'refuse')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent2')).toEqual([
      callMessage(w.sim.url, 'agent2', 'StatusChange', { ...shape, id: second.call.id, connId: second.call.connId, participants: ['+441632960001'], dnis: '+441632960001', state: 'Released', capabilities: [] }),
    ]);
    expect((await w.customer(second.call.connId, 'answer')).body.statusCode).toBe(2);
    expect(await w.take('agent2')).toEqual([]);
  });
});
