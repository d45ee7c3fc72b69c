import type { IncomingMessage } from 'node:http';
import { ClientRegistry, type ClientChange } from '../../../src/bayeux/clients';

describe('the CometD client registry, shared by the nodes of a cluster', () => {
  function pair() {
    const shared: ClientChange[] = [];
    const here = new ClientRegistry(undefined, (change) => shared.push(change));
    const there = new ClientRegistry();
    const sync = () => shared.splice(0).forEach((change) => there.applyShared(change));
    return { here, there, shared, sync };
  }
  const websocket = { socket: { destroyed: false } } as unknown as IncomingMessage;

  it('another node knows who each client is and what it subscribed to, and delivers to it', () => {
    const { here, there, sync } = pair();
    here.bind('c1', 'u1', 'agent1', { websocket, browserId: 'b'.repeat(32) });
    here.subscribed('c1', '/v2/notifications');
    sync();
    expect(there.userOf('c1')).toBe('u1');
    expect([...there.subscribersOf('u1').keys()]).toEqual(['c1']);
    expect(there.countOf('u1')).toBe(1);
    // Its websocket is on the node that has it: another node never takes a request for it.
    const proof = there.bindingOf('c1')!.proof;
    expect(proof.browserId).toBe('b'.repeat(32));
    expect(proof.websocket).not.toBe(websocket);
    expect(proof.websocket).toBeDefined();

    here.unsubscribed('c1', '/v2/notifications');
    here.unbind('c1');
    sync();
    expect([there.userOf('c1'), there.hasSubscriber('u1'), there.countOf('u1')]).toEqual([undefined, false, 0]);
  });

  it('shares a transport only when it changes (not every long poll), and nothing about unknown clients', () => {
    const { here, shared } = pair();
    here.subscribed('nobody', '/v2/notifications');
    here.connectedOver('nobody', 'websocket');
    expect(shared).toEqual([]);
    here.bind('c1', 'u1', 'agent1');
    here.connectedOver('c1', 'long-polling');
    here.connectedOver('c1', 'long-polling');
    here.connectedOver('c1', 'websocket');
    expect(shared.map((c) => c.op)).toEqual(['bind', 'transport', 'transport']);
  });
});
