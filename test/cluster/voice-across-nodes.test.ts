import { TRANSPORTS } from '../../src/client/agent';
import { agreed, callId, login, ok, receivedUntil, sim, useCluster } from '../helpers/cluster';

/**
 * A whole call between agents on different nodes: the customer calls through node C, agent1
 * answers on node A and transfers (or conferences) to agent2, connected to node B.
 */

const CUSTOMER = '+14155550100';
const cluster = useCluster(3);

const call = (state: string, id?: string) => (n: any) => n.messageType === 'CallStateChangeMessage' && n.call?.state === state && (id === undefined || n.call.id === id);
const calls = (told: any[]) => told.filter((n) => n.messageType === 'CallStateChangeMessage').map((n) => `${n.notificationType}:${n.call.state}`);

describe.each(TRANSPORTS)('agents over %s', (transport) => {
  /** agent1 (node A) talks with the customer and consults agent2 (node B), who answers: the calls' ids. */
  async function consulting(operation: 'InitiateTransfer' | 'InitiateConference') {
    const agent1 = await login(cluster.urls[0], 'agent1', transport);
    const agent2 = await login(cluster.urls[1], 'agent2', transport);
    cluster.clients.push(agent1, agent2);
    const { id: connId } = await sim(cluster.urls[2], '/calls', { from: CUSTOMER, offerTo: 'agent1' });
    const original = await callId(cluster.urls[0], connId, 'agent1');
    await receivedUntil(agent1, 0, call('Ringing', original), 'the call ringing');
    await ok(cluster.urls[0], 'agent1', `/calls/${original}`, 'Answer');
    await receivedUntil(agent1, 0, call('Established', original), 'the call Established');

    const from1 = agent1.notifications.length;
    await ok(cluster.urls[0], 'agent1', `/calls/${original}`, operation, { destination: { phoneNumber: '7002' } });
    const [ringing] = await receivedUntil(agent2, 0, call('Ringing'), 'the consultation ringing');
    expect(ringing.call).toMatchObject({ callType: 'Consult', ani: '7001', dnis: '7002', capabilities: expect.arrayContaining(['Answer']) });
    const toAgent1 = await receivedUntil(agent1, from1, call('Dialing'), 'its consultation dialing');
    const consultation = toAgent1.find(call('Dialing')).call.id as string;
    expect(toAgent1.find(call('Held'))?.call.id).toBe(original);

    await ok(cluster.urls[1], 'agent2', `/calls/${ringing.call.id}`, 'Answer');
    await receivedUntil(agent2, 0, call('Established', ringing.call.id), 'the consultation Established');
    await receivedUntil(agent1, from1, call('Established', consultation), 'its consultation Established');
    return { agent1, agent2, connId, original, consultation, destination: ringing.call.id as string };
  }

  test('InitiateTransfer on node A, Answer on node B, CompleteTransfer on node A: agent2 has the customer', async () => {
    const { agent1, agent2, connId, original } = await consulting('InitiateTransfer');
    const from1 = agent1.notifications.length;
    const from2 = agent2.notifications.length;
    await ok(cluster.urls[0], 'agent1', `/calls/${original}`, 'CompleteTransfer');

    const released = await receivedUntil(agent1, from1, (n) => agent1.notifications.slice(from1).filter(call('Released')).length === 2 && call('Released')(n), 'both its calls Released');
    expect(calls(released).filter((s) => s.endsWith('Released'))).toHaveLength(2);
    const transferred = await receivedUntil(agent2, from2, (n) => n.call?.participants?.some((p: any) => p.phoneNumber === CUSTOMER), 'its call now with the customer');
    expect(transferred.at(-1).call.state).toBe('Established');

    const state = await agreed(cluster.urls);
    expect(state.calls.find((c: any) => c.id === connId)?.legs?.agent2).toBeDefined();
    const before2 = agent2.notifications.length;
    await sim(cluster.urls[0], `/calls/${connId}/hangup`);
    await receivedUntil(agent2, before2, call('Released'), 'its call Released by the customer');
  });

  test('InitiateConference on node A, Answer on node B, CompleteConference on node A: the three on one call, each told on its node', async () => {
    const { agent1, agent2, consultation } = await consulting('InitiateConference');
    const from1 = agent1.notifications.length;
    const from2 = agent2.notifications.length;
    await ok(cluster.urls[0], 'agent1', `/calls/${consultation}`, 'CompleteConference');

    const inConference = (n: any) => n.messageType === 'CallStateChangeMessage' && n.call.state === 'Established' && n.call.participants.length === 2;
    const toAgent1 = await receivedUntil(agent1, from1, inConference, 'its call in the conference');
    const toAgent2 = await receivedUntil(agent2, from2, inConference, 'its call in the conference');
    expect(toAgent1.filter(inConference).at(-1).call.participants.map((p: any) => p.phoneNumber).sort()).toEqual([CUSTOMER, '7002'].sort());
    expect(toAgent2.filter(inConference).at(-1).call.participants.map((p: any) => p.phoneNumber).sort()).toEqual([CUSTOMER, '7001'].sort());
    await agreed(cluster.urls);
  });
});
