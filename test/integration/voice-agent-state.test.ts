import { TRANSPORTS, type Transport } from '../helpers/agent';
import { useWorld, type UserName, type World } from '../helpers/operations';
import { rest } from '../helpers/rest';
import { calls, deviceMessage, deviceOf, dial, established, oneCall, onVoice, summary, USER_STATES } from '../helpers/voice';

const voiceState = (w: World, user: UserName) => w.sim.state().users.find((u) => u.userName === user)!.channels.find((c) => c.channel === 'voice');

describe.each(TRANSPORTS)('the agent on voice over %s: its device tells its state', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('StartContactCenterSession with voice: a DeviceStateChangeMessage, NotReady, and no ChannelStateChangeMessageV2', async () => {
    const w = world();
    expect((await w.me('agent1', 'StartContactCenterSession', { channels: ['voice'] })).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent1')).toEqual([deviceMessage(w.sim.url, 'agent1', USER_STATES.NotReady)]);
    const listed = await rest(w.sim.url).get('/api/v2/me/devices?fields=*', { user: 'agent1', password: 'agent1' });
    expect(listed.body).toEqual({ statusCode: 0, devices: [deviceOf(w.sim.url, 'agent1', USER_STATES.NotReady)] });
    expect(await w.take('agent2')).toEqual([]);
  });

  test('with chat and voice: chat on /v2/me/channels (voice not among its channels), voice on the device; Ready on /api/v2/me tells both', async () => {
    const w = world();
    await w.me('agent2', 'StartContactCenterSession', { channels: ['chat', 'voice'] });
    const chat = (userState: object) => ({ messageType: 'ChannelStateChangeMessageV2', channels: [{ channel: 'chat', userState, dndState: 'Off' }] });
    const told = await w.take('agent2');
    expect(told).toEqual([chat(USER_STATES.NotReady), deviceMessage(w.sim.url, 'agent2', USER_STATES.NotReady)]);
    await w.me('agent2', 'Ready');
    expect(await w.take('agent2')).toEqual([chat(USER_STATES.Ready), deviceMessage(w.sim.url, 'agent2', USER_STATES.Ready)]);
    await w.onChannel('agent2', 'voice', 'NotReady');
    expect(await w.take('agent2')).toEqual([deviceMessage(w.sim.url, 'agent2', USER_STATES.NotReady)]);
  });

  test('Ready, NotReady, AuxWork and AfterCallWork on /api/v2/me/channels/voice, then EndContactCenterSession: LoggedOut', async () => {
    const w = world();
    await w.me('agent3', 'StartContactCenterSession', { channels: ['voice'] });
    await w.take('agent3');
    const steps: [string, Record<string, unknown>, object][] = [
      ['Ready', {}, USER_STATES.Ready],
      ['AuxWork', {}, USER_STATES.AuxWork],
      ['Ready', { workmode: 'ManualIn' }, USER_STATES.Ready],
      ['AfterCallWork', { wrapUpTime: '0' }, USER_STATES.AfterCallWork],
      ['NotReady', {}, USER_STATES.NotReady],
    ];
    for (const [operation, params, userState] of steps) {
      expect([operation, (await w.onChannel('agent3', 'voice', operation, params)).body]).toEqual([operation, { statusCode: 0 }]);
      expect([operation, await w.take('agent3')]).toEqual([operation, [deviceMessage(w.sim.url, 'agent3', userState)]]);
    }
    expect((await w.me('agent3', 'EndContactCenterSession')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent3')).toEqual([deviceMessage(w.sim.url, 'agent3', USER_STATES.LoggedOut)]);
  });

  test('EndContactCenterSession is refused while a call is open on the phone', async () => {
    const w = world();
    await onVoice(w, 'agent3');
    const { id } = await established(w, 'agent3');
    await w.take('agent3');
    const refused = await w.me('agent3', 'EndContactCenterSession');
    expect([refused.status, refused.body.statusCode]).toEqual([400, 2]);
    // The call is named by agent3's own call id, and how to end it.
    expect(refused.body.statusMessage).toBe(`Cannot EndContactCenterSession: agent3 still has call ${id} offered or open. Hangup or Reject it first.`);
    expect(await w.take('agent3')).toEqual([]);
    await w.ok('agent3', id, 'Hangup');
    await w.take('agent3');
    expect((await w.me('agent3', 'EndContactCenterSession')).body).toEqual({ statusCode: 0 });
  });
});

describe.each(TRANSPORTS)('after-call work and the customer answering, on the manual clock, over %s', (transport: Transport) => {
  const world = useWorld(transport, 'voice', { clock: 'manual', timeScale: 1 });
  /** Moves the clock on by `ms` and returns what `user` received meanwhile. */
  const after = async (w: World, ms: number, user: UserName = 'agent1') => {
    await w.sim.clock.advance(ms);
    return w.take(user);
  };

  test('the wrap-up lasts exactly voice.wrapUpSeconds (5 s), then the agent is Ready again', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    const offered = await w.customer(undefined, '', { from: '+14155550100' });
    // Each stream of an agent starts after its previous one: NotReady at 40 ms, Ready at 80, the call at 120.
    expect((await after(w, 120)).map(summary)).toEqual(['Device:Not Ready', 'Device:Ready', 'StatusChange:Ringing']);
    const id = calls(w.agents.agent1.notifications).at(-1).call.id;
    await w.ok('agent1', id, 'Answer');
    expect((await after(w, 40)).map(summary)).toEqual(['StatusChange:Established']);

    await w.customer(offered.body.id, 'hangup');
    expect(await after(w, 80)).toEqual([expect.objectContaining({ notificationType: 'StatusChange' }), deviceMessage(w.sim.url, 'agent1', USER_STATES.AfterCallWork)]);
    expect(voiceState(w, 'agent1')).toMatchObject({ state: 'NotReady', workMode: 'AfterCallWork' });
    expect(await after(w, 4919)).toEqual([]);
    expect(voiceState(w, 'agent1')).toMatchObject({ workMode: 'AfterCallWork' });
    await after(w, 1);
    expect(voiceState(w, 'agent1')).toMatchObject({ state: 'Ready' });
    expect(await after(w, 40)).toEqual([deviceMessage(w.sim.url, 'agent1', USER_STATES.Ready)]);
  });

  test('an agent that changes its state during the wrap-up is not moved back when it ends', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await after(w, 200);
    const { connId } = await answeredOnManualClock(w);
    await w.customer(connId, 'hangup');
    expect((await after(w, 1000)).map(summary)).toEqual(['StatusChange:Released', 'Device:AfterCallWork']);
    await w.onChannel('agent1', 'voice', 'AuxWork');
    expect(await after(w, 40)).toEqual([deviceMessage(w.sim.url, 'agent1', USER_STATES.AuxWork)]);
    expect(await after(w, 10_000)).toEqual([]);
    expect(voiceState(w, 'agent1')).toMatchObject({ state: 'NotReady', workMode: 'AuxWork' });
  });

  test('an agent NotReady before the call is NotReady again after its wrap-up, not Ready', async () => {
    const w = world();
    await onVoice(w, 'agent1', false);
    await w.onChannel('agent1', 'voice', 'AuxWork');
    await after(w, 200);
    const { id } = await answeredOnManualClock(w, 'agent1');
    await w.ok('agent1', id, 'Hangup');
    expect((await after(w, 80)).map(summary)).toEqual(['StatusChange:Released', 'Device:AfterCallWork']);
    expect(await after(w, 5000)).toEqual([deviceMessage(w.sim.url, 'agent1', USER_STATES.AuxWork)]);
  });

  test('an outbound call is answered by the customer voice.answerAfterMs (3 s) after the Dial, not before', async () => {
    const w = world();
    await dial(w, 'agent2', '+33123456789');
    expect((await after(w, 40, 'agent2')).map(summary)).toEqual(['StatusChange:Dialing']);
    expect(await after(w, 2959, 'agent2')).toEqual([]);
    await after(w, 1, 'agent2');
    expect(w.sim.state().calls[0].agentStates).toEqual({ agent2: 'Established' });
    const [answered] = await after(w, 40, 'agent2');
    expect([summary(answered), answered.call.duration]).toEqual(['StatusChange:Established', '0']);
  });

  test("a call's duration counts on the simulator's clock, in its notifications and in GET /api/v2/me/calls", async () => {
    const w = world();
    const { id } = await answeredOnManualClock(w, 'agent1');
    await w.sim.clock.advance(12_000);
    await w.ok('agent1', id, 'Hold');
    const [held] = await after(w, 40);
    expect([summary(held), held.call.duration]).toEqual(['StatusChange:Held', '12']);
    await w.sim.clock.advance(3_000);
    expect((await w.view('agent1', id)).call.duration).toBe('15');
  });

  test('a hang-up before the customer answers cancels the answer: nothing more arrives', async () => {
    const w = world();
    await dial(w, 'agent2', '+33123456789');
    const dialing = await (async () => {
      await w.sim.clock.advance(40);
      return oneCall(w, 'agent2');
    })();
    await w.ok('agent2', dialing.call.id, 'Hangup');
    expect((await after(w, 40, 'agent2')).map(summary)).toEqual(['StatusChange:Released']);
    expect(await after(w, 10_000, 'agent2')).toEqual([]);
  });
});

/** A call to `user` (Ready on voice, or named), answered, on the manual clock: its connId and the agent's call id. */
async function answeredOnManualClock(w: World, offerTo?: UserName): Promise<{ connId: string; id: string }> {
  const offered = await w.customer(undefined, '', { from: '+14155550100', ...(offerTo ? { offerTo } : {}) });
  await w.sim.clock.advance(200);
  const { call } = await oneCall(w, 'agent1');
  await w.ok('agent1', call.id, 'Answer');
  await w.sim.clock.advance(200);
  await w.take('agent1');
  return { connId: offered.body.id, id: call.id };
}
