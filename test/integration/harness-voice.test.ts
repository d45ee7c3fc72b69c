import path from 'node:path';
import { createSimulator, type Simulator } from '../../src';
import { SCENARIOS_DIR } from '../../src/scenario/loader';
import { TRANSPORTS } from '../helpers/agent';

/** The shipped fixture whose outside numbers ring until the customer answers or refuses. */
const CUSTOMER_DECIDES = path.join(SCENARIOS_DIR, 'fixtures', 'voice-customer-decides.json');

describe.each(TRANSPORTS)('the harness on calls, over %s', (transport) => {
  let sim: Simulator;
  afterEach(() => sim?.close());

  it('sim.offer({ media: "voice" }) rings an agent Ready on voice; sim.callId names its own call; sim.customer(connId).hangup() releases it, after-call work follows', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent1 = await sim.agent('agent1', { transport });
    expect(await agent1.perform('StartContactCenterSession', { me: true }, { channels: ['voice'] })).toEqual({ statusCode: 0 });
    expect(await agent1.perform('Ready', { channel: 'voice' })).toEqual({ statusCode: 0 });

    const connId = sim.offer({ media: 'voice', from: '+14155550100', userData: { Language: 'fr' } });
    const callId = sim.callId(connId, 'agent1');
    expect(callId).not.toBe(connId);
    await sim.expect({
      agent1: [
        { kind: 'DeviceStateChangeMessage', match: { 'devices[0].userState.state': 'NotReady', 'devices[0].id': sim.deviceId('agent1') } },
        { kind: 'DeviceStateChangeMessage', match: { 'devices[0].userState.state': 'Ready' } },
        { kind: 'StatusChange', match: { 'call.id': callId, 'call.connId': connId, 'call.state': 'Ringing', 'call.ani': '+14155550100', 'call.userData.Language': 'fr' } },
      ],
    });
    expect(await agent1.perform('Answer', { call: callId })).toEqual({ statusCode: 0 });
    // The connId is not the agent's call: GWS answers 6.
    expect((await agent1.perform('Hold', { call: connId })).statusCode).toBe(6);
    sim.customer(connId).hangup();
    await sim.expect({
      agent1: [
        { kind: 'StatusChange', match: { 'call.state': 'Established' } },
        { kind: 'StatusChange', match: { 'call.state': 'Released', 'call.capabilities': [] } },
        { kind: 'DeviceStateChangeMessage', match: { 'devices[0].userState.workMode': 'AfterCallWork' } },
        { kind: 'DeviceStateChangeMessage', match: { 'devices[0].userState.state': 'Ready' } },
      ],
    });
    expect(sim.state().calls.find((c) => c.id === connId)?.agentStates).toEqual({ agent1: 'Released' });
  });

  it("Dial and do-not-disturb go to the agent's device: { device: sim.deviceId(user) }", async () => {
    sim = await createSimulator({ timeScale: 0 });
    const [agent1, agent2] = [await sim.agent('agent1', { transport }), await sim.agent('agent2', { transport })];
    expect(await agent2.perform('DoNotDisturbOn', { device: sim.deviceId('agent2') })).toEqual({ statusCode: 0 });
    const refused = await agent1.perform('Dial', { device: sim.deviceId('agent1') }, { destination: { phoneNumber: '7002' } });
    expect(refused).toMatchObject({ statusCode: 2, statusMessage: expect.stringContaining('do-not-disturb') });
    expect(await agent2.perform('DoNotDisturbOff', { device: sim.deviceId('agent2') })).toEqual({ statusCode: 0 });
    // Another agent's device is not the caller's: GWS answers 6.
    expect((await agent1.perform('Dial', { device: sim.deviceId('agent2') }, { destination: { phoneNumber: '7002' } })).statusCode).toBe(6);

    expect(await agent1.perform('Dial', { device: sim.deviceId('agent1') }, { destination: { phoneNumber: '7002' } })).toEqual({ statusCode: 0 });
    const connId = sim.state().calls.at(-1)!.id as string;
    expect(await agent2.perform('Answer', { call: sim.callId(connId, 'agent2') })).toEqual({ statusCode: 0 });
    expect(await agent1.perform('Hangup', { call: sim.callId(connId, 'agent1') })).toEqual({ statusCode: 0 });
    await sim.expect({
      agent1: [{ kind: 'StatusChange', match: { 'call.state': 'Dialing', 'call.callType': 'Internal' } }, { kind: 'StatusChange', match: { 'call.state': 'Established' } }, { kind: 'StatusChange', match: { 'call.state': 'Released' } }],
      agent2: [
        { kind: 'DeviceStateChangeMessage', match: { 'devices[0].doNotDisturb': 'On' } },
        { kind: 'DeviceStateChangeMessage', match: { 'devices[0].doNotDisturb': 'Off' } },
        { kind: 'StatusChange', match: { 'call.state': 'Ringing', 'call.ani': '7001' } },
        { kind: 'StatusChange', match: { 'call.state': 'Established' } },
        { kind: 'StatusChange', match: { 'call.state': 'Released' } },
      ],
    });
  });

  it('the customer answers or refuses an outbound call; what a call has not is refused, naming what it has', async () => {
    sim = await createSimulator({ timeScale: 0, fixture: CUSTOMER_DECIDES });
    const agent1 = await sim.agent('agent1', { transport });
    const dial = () => agent1.perform('Dial', { device: sim.deviceId('agent1') }, { destination: { phoneNumber: '+33123456789' } });
    await dial();
    const answered = sim.state().calls.at(-1)!.id as string;
    sim.customer(answered).answer();
    sim.customer(answered).hangup();
    await dial();
    const refused = sim.state().calls.at(-1)!.id as string;
    sim.customer(refused).refuse();
    await sim.expect({ agent1: ['Dialing', 'Established', 'Released', 'Dialing', 'Released'].map((state) => ({ kind: 'StatusChange', match: { 'call.state': state, 'call.callType': 'Outbound' } })) });

    expect(() => sim.customer(refused).say('Hello')).toThrow(`sim.customer('${refused}').say(): ${refused} is a call; its customer can hangup(), answer(), refuse()`);
    expect(() => sim.customer(refused).answer()).toThrow(/is over: the customer can no longer hang up, answer or refuse it/);
    expect(() => sim.offer({ media: 'voice', offerTo: 'agent1', text: 'Hi' })).toThrow("sim.offer(): a call (media 'voice') takes no text; it takes from, offerTo, userData");
    expect(() => sim.offer({ media: 'chat', from: '+14155550100' })).toThrow("sim.offer(): a chat (media 'chat') takes no from; it takes offerTo, customer, text");
    expect(() => sim.callId(refused, 'agent2')).toThrow(`sim.callId(): call ${refused} never reached agent2; its parties: agent1`);
    expect(() => sim.callId('nope', 'agent1')).toThrow(/no call with connId nope; the calls: [0-9A-F]{16}/);
    expect(() => sim.deviceId('agent9')).toThrow("sim.deviceId(): no user 'agent9' in the fixture; users: agent1, agent2, agent3");
  });

  it('sim.consultation(connId, user) names the consultation call an InitiateTransfer made: the destination answers it, the initiator completes the transfer on it', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const [agent1, agent2] = [await sim.agent('agent1', { transport }), await sim.agent('agent2', { transport })];
    const original = sim.offer({ media: 'voice', from: '+14155550100', offerTo: 'agent1' });
    expect(await agent1.perform('Answer', { call: sim.callId(original, 'agent1') })).toEqual({ statusCode: 0 });
    expect(() => sim.consultation(original, 'agent1')).toThrow(`sim.consultation(): agent1 consults nobody from call ${original} (InitiateTransfer or InitiateConference on it starts a consultation`);
    expect(await agent1.perform('InitiateTransfer', { call: sim.callId(original, 'agent1') }, { destination: { phoneNumber: '7002' } })).toEqual({ statusCode: 0 });
    // Another call, newer than the consultation: the consultation is still the one tied to the original.
    const other = sim.offer({ media: 'voice', from: '+14155550199', offerTo: 'agent3' });
    const consultation = sim.consultation(original, 'agent1');
    expect([consultation === original, consultation === other]).toEqual([false, false]);
    expect(await agent2.perform('Answer', { call: sim.callId(consultation, 'agent2') })).toEqual({ statusCode: 0 });
    expect(await agent1.perform('CompleteTransfer', { call: sim.callId(consultation, 'agent1') })).toEqual({ statusCode: 0 });
    await sim.expect({
      agent1: [
        { kind: 'StatusChange', match: { 'call.state': 'Ringing', 'call.connId': original } },
        { kind: 'StatusChange', match: { 'call.state': 'Established', 'call.connId': original } },
        { kind: 'StatusChange', match: { 'call.state': 'Held', 'call.connId': original } },
        { kind: 'StatusChange', match: { 'call.state': 'Dialing', 'call.connId': consultation, 'call.callType': 'Consult' } },
        { kind: 'StatusChange', match: { 'call.state': 'Established', 'call.connId': consultation } },
        { kind: 'StatusChange', match: { 'call.state': 'Released', 'call.connId': original } },
        { kind: 'StatusChange', match: { 'call.state': 'Released', 'call.connId': consultation } },
      ],
      agent2: [
        { kind: 'StatusChange', match: { 'call.state': 'Ringing', 'call.connId': consultation, 'call.id': sim.callId(original, 'agent2') } },
        { kind: 'StatusChange', match: { 'call.state': 'Established', 'call.connId': consultation } },
        // On its same call id, now the original's connId: the original's name serves it from now on.
        { kind: 'ParticipantsUpdated', match: { 'call.state': 'Established', 'call.connId': original, 'call.id': sim.callId(original, 'agent2') } },
      ],
    });
    // Completed: no longer tied to the original.
    expect(() => sim.consultation(original, 'agent1')).toThrow(/agent1 consults nobody from call/);
  });
});
