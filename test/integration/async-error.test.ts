import { TRANSPORTS, type Transport } from '../helpers/agent';
import { kinds, useWorld } from '../helpers/operations';

/**
 * Asynchronous errors as GWS reports them: the operation is answered statusCode 0 with a
 * referenceId, and the failure arrives later in the medium's state-change message
 * (`notificationType: "Error"`). The async-error fault makes any operation fail this way.
 */
describe.each(TRANSPORTS)('asynchronous errors over %s', (transport: Transport) => {
  const world = useWorld(transport, 'chat');

  test('async-error:AGENT:OPERATION: statusCode 0 and a referenceId, then an Error with it; the operation is not performed; the next call is', async () => {
    const id = await world().chatting('agent3');
    await world().skip();
    const log = () => world().sim.state().chats.find((c) => c.id === id)!.messages;
    const logged = log().length;
    world().sim.fault('async-error:agent3:SendMessage');

    const answer = await world().ok('agent3', id, 'SendMessage', { text: 'lost' });
    expect(answer).toEqual({ statusCode: 0, referenceId: expect.any(Number) });
    const [error] = await world().take('agent3');
    expect(error).toEqual({
      messageType: 'ChatStateChangeMessage',
      notificationType: 'Error',
      errorMessage: 'Fault injected by gws-sim (async-error:agent3:SendMessage): SendMessage failed after it was accepted; it was not performed.',
      referenceId: answer.referenceId,
    });
    expect(log()).toHaveLength(logged);
    expect(world().sim.state().faults?.fired.map((f) => f.spec)).toEqual(['async-error:agent3:SendMessage']);

    expect(await world().ok('agent3', id, 'SendMessage', { text: 'sent' })).toEqual({ statusCode: 0 });
    expect(kinds(await world().take('agent3'))).toEqual(['MessageLogUpdated/NewMessages:Text']);
    for (const user of ['agent1', 'agent2'] as const) expect(await world().take(user)).toEqual([]);
  });

  test('on an operation on the agent itself: a ChannelStateChangeMessageV2 Error on /v2/me/channels, its channels unchanged', async () => {
    await world().me('agent2', 'StartContactCenterSession', { channels: ['chat'] });
    await world().skip();
    world().sim.fault({ kind: 'async-error', agent: 'agent2', operation: 'Ready', errorMessage: 'Place is busy' });
    const answer = await world().onChannel('agent2', 'chat', 'Ready');
    expect(answer.body).toEqual({ statusCode: 0, referenceId: expect.any(Number) });
    const [error] = await world().take('agent2');
    expect(error).toMatchObject({ messageType: 'ChannelStateChangeMessageV2', notificationType: 'Error', errorMessage: 'Place is busy', referenceId: answer.body.referenceId });
    expect(error.channels).toMatchObject([{ channel: 'chat', userState: { state: 'NotReady' } }]);
  });
});
