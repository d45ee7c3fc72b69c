import type { IncomingMessage } from 'node:http';
import type { BayeuxMessage } from 'faye';
import { ClientRegistry } from '../../../src/bayeux/clients';
import { SessionFaults } from '../../../src/faults/session';

/** Runs one message through the extension's incoming side, as faye would. */
function incoming(faults: SessionFaults, message: BayeuxMessage, request: IncomingMessage): Promise<BayeuxMessage> {
  return new Promise((resolve) => faults.extension.incoming!(message, request, resolve));
}

const request = (): IncomingMessage => ({ socket: {} }) as unknown as IncomingMessage;

describe('SessionFaults keeps nothing for a clientId no agent handshook as', () => {
  test('10,000 /meta/connect with made-up clientIds leave its maps empty', async () => {
    const clients = new ClientRegistry();
    const faults = new SessionFaults(clients, { hold: () => {}, release: () => {}, onHold: () => [] });
    for (let i = 0; i < 10_000; i++) {
      await incoming(faults, { channel: '/meta/connect', clientId: `made-up-${i}`, connectionType: 'long-polling' }, request());
    }
    expect(faults.trackedClients()).toBe(0);
    faults.close();
  });

  test('a known client is tracked (the cut fault needs its socket), and forgotten with it', async () => {
    const clients = new ClientRegistry();
    clients.bind('known', 'u1', 'agent1');
    const faults = new SessionFaults(clients, { hold: () => {}, release: () => {}, onHold: () => [] });
    await incoming(faults, { channel: '/meta/connect', clientId: 'known', connectionType: 'long-polling' }, request());
    expect(faults.trackedClients()).toBe(1);
    faults.forget('known');
    expect(faults.trackedClients()).toBe(0);
    faults.close();
  });
});
