import { TRANSPORTS, type Transport } from '../helpers/agent';
import { FayeAgent } from '../helpers/faye-agent';
import { useWorld } from '../helpers/operations';
import { CUSTOMER } from '../helpers/transfer';
import { callMessage } from '../helpers/voice';
import { as, CAPABILITIES, consulting, released } from '../helpers/voice-conference';

/**
 * The two-step conference as faye's own Node client receives it (not only the official CometD
 * client): the same notifications, in the same order, on each of its transports.
 */
describe.each(TRANSPORTS)("a two-step conference, to faye's own client over %s", (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('InitiateConference, Answer, CompleteConference: agent1 and agent2 told each step, exactly', async () => {
    const w = world();
    const url = w.sim.url;
    const [agent1, agent2] = [await FayeAgent.connect(w.sim, 'agent1', transport), await FayeAgent.connect(w.sim, 'agent2', transport)];
    try {
      const { original, consultation, consulted } = await consulting(w);
      const ringing = { ...consulted, state: 'Ringing', capabilities: CAPABILITIES.ringing, duration: '0' };
      expect(await agent1.take()).toEqual([
        callMessage(url, 'agent1', 'StatusChange', { ...original, state: 'Ringing', capabilities: CAPABILITIES.ringing, duration: '0' }),
        callMessage(url, 'agent1', 'StatusChange', as(original, 'Established', CAPABILITIES.established)),
        callMessage(url, 'agent1', 'StatusChange', original, false),
        callMessage(url, 'agent1', 'StatusChange', { ...consultation, state: 'Dialing', capabilities: CAPABILITIES.consultDialing, duration: '0' }),
        callMessage(url, 'agent1', 'StatusChange', consultation),
      ]);
      expect(await agent2.take()).toEqual([callMessage(url, 'agent2', 'StatusChange', ringing), callMessage(url, 'agent2', 'StatusChange', consulted)]);

      await w.ok('agent1', consultation.id, 'CompleteConference');
      expect(await agent1.take()).toEqual([
        callMessage(url, 'agent1', 'StatusChange', released(consultation)),
        callMessage(url, 'agent1', 'ParticipantsUpdated', as(original, 'Established', CAPABILITIES.owner, { participants: [CUSTOMER, '7002'] })),
      ]);
      expect(await agent2.take()).toEqual([
        callMessage(url, 'agent2', 'ParticipantsUpdated', as(consulted, 'Established', CAPABILITIES.conference, { connId: original.connId, ani: CUSTOMER, dnis: '7001', participants: [CUSTOMER, '7001'] })),
      ]);
      // Its own transport (faye's client moves to a websocket once it can), beside the CometD client's.
      expect(w.sim.state().cometdClients.filter((c) => c.userName === 'agent1').map((c) => c.transport)).toEqual([transport, transport]);
    } finally {
      // Before the simulator closes: faye's client would otherwise retry for ever.
      await Promise.all([agent1.disconnect(), agent2.disconnect()]);
    }
  });
});
