import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, useWorld, type World } from '../helpers/operations';
import { rest } from '../helpers/rest';

const ESTABLISHED = ['SingleStepTransfer', 'InitiateConference', 'Hold', 'SingleStepConference', 'InitiateTransfer', 'SendDtmf', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData', 'MuteCall', 'StartCallRecording'];
const HELD = ['SingleStepTransfer', 'InitiateConference', 'Retrieve', 'SingleStepConference', 'InitiateTransfer', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData', 'StartCallRecording'];
const calls = (told: any[]) => told.filter((n) => n.messageType === 'CallStateChangeMessage');
const summary = (n: any) => `${n.notificationType}:${n.call.state}`;

const post = (world: World, user: string, path: string, body: Record<string, unknown>) => rest(world.sim.url).post(`/api/v2${path}`, body, { user, password: user });

describe.each(TRANSPORTS)('voice over %s', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('an inbound call rings, is answered, held, retrieved, given user data and hung up by the customer; after-call work follows', async () => {
    const w = world();
    expect((await w.me('agent1', 'StartContactCenterSession', { channels: ['voice'] })).body).toEqual({ statusCode: 0 });
    expect((await w.onChannel('agent1', 'voice', 'Ready')).body).toEqual({ statusCode: 0 });
    const devices = (await w.take('agent1')).filter((n) => n.messageType === 'DeviceStateChangeMessage');
    expect(devices.map((d) => d.devices[0].userState.state)).toEqual(['NotReady', 'Ready']);
    expect(devices[1].devices[0]).toMatchObject({ deviceState: 'Active', phoneNumber: '7001', telephonyNetwork: 'Private', doNotDisturb: 'Off', capabilities: ['DoNotDisturbOn'] });

    const offered = await w.customer(undefined, '', { from: '+14155550100' });
    expect(offered.body).toMatchObject({ statusCode: 0, offeredTo: 'agent1' });
    const ringing = calls(await w.take('agent1'));
    expect(ringing.map(summary)).toEqual(['StatusChange:Ringing']);
    const call = ringing[0].call;
    expect(call).toMatchObject({ connId: offered.body.id, callType: 'Inbound', ani: '+14155550100', dnis: '9000', capabilities: ['Answer', 'Reject', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'], mute: 'Off', recordingState: 'Stopped', path: `/calls/${call.id}` });
    expect(call.participants).toEqual([{ e164Number: '+14155550100', formattedPhoneNumber: '+14155550100', phoneNumber: '+14155550100', digits: '14155550100' }]);
    expect(ringing[0]).toMatchObject({ phoneNumber: '7001', extensions: { BusinessCall: 0 } });

    for (const [operation, params] of [['Answer', {}], ['Hold', {}], ['Retrieve', {}], ['AttachUserData', { userData: { AccountNumber: '12345' } }], ['SendDtmf', { digits: '42' }]] as const) {
      expect((await w.perform('agent1', call.id, operation, params)).body).toEqual({ statusCode: 0 });
    }
    const told = calls(await w.take('agent1'));
    expect(told.map(summary)).toEqual(['StatusChange:Established', 'StatusChange:Held', 'StatusChange:Established', 'AttachedDataChanged:Established', 'DtmfSent:Established']);
    expect(told.map((n) => n.call.capabilities)).toEqual([ESTABLISHED, HELD, ESTABLISHED, ESTABLISHED, ESTABLISHED]);
    expect(told[3].call.userData).toEqual({ AccountNumber: '12345' });
    expect(told[0].call.userData).toBeUndefined();

    expect((await w.customer(offered.body.id, 'hangup')).body).toEqual({ statusCode: 0 });
    const ended = await w.take('agent1');
    // At time scale 0 the wrap-up's 5 s pass at once: after-call work, then Ready again.
    expect(ended.map((n) => (n.messageType === 'CallStateChangeMessage' ? summary(n) : `${n.messageType}:${n.devices[0].userState.displayName}`))).toEqual([
      'StatusChange:Released',
      'DeviceStateChangeMessage:AfterCallWork',
      'DeviceStateChangeMessage:Ready',
    ]);
    // Released, with no capabilities; the parties stay listed (the Hangup page's sample).
    expect([ended[0].call.capabilities, ended[0].call.participants.map((p: any) => p.phoneNumber)]).toEqual([[], ['+14155550100']]);
    expect((await w.perform('agent1', call.id, 'Hold')).status).toBe(404);
  });

  test('an internal call: agent1 dials agent2, agent2 answers, agent1 hangs up; each party has its own call id and one connId', async () => {
    const w = world();
    const devices = (await rest(w.sim.url).get('/api/v2/me/devices?fields=*', { user: 'agent1', password: 'agent1' })).body.devices;
    expect(devices).toHaveLength(1);
    const dialed = await post(w, 'agent1', `/me/devices/${devices[0].id}/calls`, { operationName: 'Dial', destination: { phoneNumber: '7002' } });
    expect(dialed.body).toEqual({ statusCode: 0 });
    const [dialing] = calls(await w.take('agent1'));
    const [ringing] = calls(await w.take('agent2'));
    expect([summary(dialing), dialing.call.callType, dialing.call.dnis]).toEqual(['StatusChange:Dialing', 'Internal', '7002']);
    expect([summary(ringing), ringing.call.callType, ringing.call.ani]).toEqual(['StatusChange:Ringing', 'Internal', '7001']);
    expect(ringing.call.capabilities).not.toContain('Reject');
    expect(ringing.call.id).not.toBe(dialing.call.id);
    expect(ringing.call.connId).toBe(dialing.call.connId);
    // Each lists the other's number (the Dial page's Dialing call lists the number dialed).
    expect([dialing.call.participants.map((p: any) => p.phoneNumber), ringing.call.participants.map((p: any) => p.phoneNumber)]).toEqual([['7002'], ['7001']]);

    await w.ok('agent2', ringing.call.id, 'Answer');
    expect(calls(await w.take('agent1')).map(summary)).toEqual(['StatusChange:Established']);
    expect(calls(await w.take('agent2')).map(summary)).toEqual(['StatusChange:Established']);
    // agent1's call id is not agent2's: GWS answers 6.
    expect((await w.perform('agent2', dialing.call.id, 'Hold')).status).toBe(404);
    await w.ok('agent1', dialing.call.id, 'AttachUserData', { userData: { Topic: 'handover' } });
    expect(calls(await w.take('agent2')).map((n) => [n.notificationType, n.call.userData])).toEqual([['AttachedDataChanged', { Topic: 'handover' }]]);
    await w.ok('agent1', dialing.call.id, 'Hangup');
    expect(calls(await w.take('agent1')).map(summary)).toEqual(['AttachedDataChanged:Established', 'StatusChange:Released']);
    expect(calls(await w.take('agent2')).map(summary)).toEqual(['StatusChange:Released']);
  });

  test('an outbound call the customer answers (at once at time scale 0); refusals name the state and what is allowed', async () => {
    const w = world();
    const device = (await callOfDevice(w, 'agent1')).id;
    await post(w, 'agent1', `/me/devices/${device}/calls`, { operationName: 'Dial', destination: { phoneNumber: '+33123456789' } });
    const [dialing, answered] = calls(await w.take('agent1'));
    expect([summary(dialing), dialing.call.callType, summary(answered)]).toEqual(['StatusChange:Dialing', 'Outbound', 'StatusChange:Established']);
    expectRefusal(await w.customer(dialing.call.connId, 'refuse'), 400, 2, /not a call to an outside number still dialing/);
    expect((await w.customer(dialing.call.connId, 'hangup')).body).toEqual({ statusCode: 0 });
    expect(calls(await w.take('agent1')).map(summary)).toEqual(['StatusChange:Released']);
    expectRefusal(await w.customer(dialing.call.connId, 'answer'), 400, 2, /^Call .* is over: the customer can no longer/);

    await post(w, 'agent1', `/me/devices/${device}/calls`, { operationName: 'Dial', destination: { phoneNumber: '7002' } });
    const [internal] = calls(await w.take('agent1'));
    expectRefusal(await w.perform('agent1', internal.call.id, 'Hold'), 400, 2, /Cannot Hold: the call is Dialing for agent1.*Allowed now: SendDtmf, DeleteUserData, AttachUserData, DeleteUserDataPair, Hangup, UpdateUserData/);
    expectRefusal(await w.perform('agent1', internal.call.id, 'SendDtmf', { digits: 'abc' }), 400, 1, /digits/);
    expectRefusal(await post(w, 'agent1', `/me/devices/${device}/calls`, { operationName: 'Dial', destination: { phoneNumber: '7001' } }), 400, 2, /own phone/);
    expectRefusal(await post(w, 'agent1', `/me/devices/nope/calls`, { operationName: 'Dial', destination: { phoneNumber: '7002' } }), 404, 6, /No device nope/);
    expectRefusal(await post(w, 'agent1', `/me/devices/${device}/calls`, { operationName: 'Dial' }), 400, 1, /destination/);
  });

  test('routing: a call waits for an agent Ready on voice, skips one on do-not-disturb, and a Reject sends it to the next', async () => {
    const w = world();
    for (const user of ['agent1', 'agent2'] as const) {
      await w.me(user, 'StartContactCenterSession', { channels: ['voice'] });
    }
    const waiting = await w.customer(undefined, '', { from: '+14155550100' });
    expect(waiting.body).toMatchObject({ statusCode: 0, waiting: true });
    const agent1Device = (await callOfDevice(w, 'agent1')).id;
    expect((await post(w, 'agent1', `/me/devices/${agent1Device}`, { operationName: 'DoNotDisturbOn' })).body).toEqual({ statusCode: 0 });
    await w.onChannel('agent1', 'voice', 'Ready');
    await w.onChannel('agent2', 'voice', 'Ready');
    const [ringing] = calls(await w.take('agent2'));
    expect(summary(ringing)).toBe('StatusChange:Ringing');
    expect(calls(await w.take('agent1'))).toEqual([]);
    await w.ok('agent2', ringing.call.id, 'Reject');
    expect(calls(await w.take('agent2')).map(summary)).toEqual(['StatusChange:Released']);
    await post(w, 'agent1', `/me/devices/${agent1Device}`, { operationName: 'DoNotDisturbOff' });
    await w.onChannel('agent1', 'voice', 'Ready');
    expect(calls(await w.take('agent1')).map(summary)).toEqual(['StatusChange:Ringing']);
  });
});

async function callOfDevice(world: World, user: string): Promise<any> {
  return (await rest(world.sim.url).get('/api/v2/me/devices?fields=*', { user, password: user })).body.devices[0];
}

