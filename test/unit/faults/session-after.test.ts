import type { BayeuxMessage } from 'faye';
import { privateChannel } from '../../../src/bayeux/channels';
import { ClientRegistry } from '../../../src/bayeux/clients';
import { SessionFaults } from '../../../src/faults/session';

/**
 * A session fault `after=N` acts once notification N has gone out to the agent's client, and holds
 * the agent's later notifications until then: handed to faye before a drop, they would be lost with
 * the session (a long-polling client between two polls had them queued in faye when the drop came).
 */
const outgoing = (faults: SessionFaults, message: BayeuxMessage) => new Promise<BayeuxMessage>((resolve) => faults.extension.outgoing!(message, null, resolve));
const delivered = (userId: string, seq: number): BayeuxMessage => ({ channel: privateChannel(`c-${userId}`, '/v2/notifications'), data: {}, ext: { gwsSim: { seq, dueAt: 0, sentAt: 0 } } });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SessionFaults.afterDelivery', () => {
  let faults: SessionFaults;
  let resumed: string[];
  let held: Set<string>;
  beforeEach(() => {
    resumed = [];
    held = new Set();
    const clients = new ClientRegistry();
    for (const userId of ['u1', 'u2']) clients.bind(`c-${userId}`, userId, userId);
    faults = new SessionFaults(clients, { hold: (userId) => held.add(userId), release: (userId) => held.delete(userId) && resumed.push(userId), onHold: () => [...held] });
  });
  afterEach(() => faults.close());

  test("holds the agent's notifications from the moment N is handed over, acts once N goes out, then lets them go", async () => {
    const act = jest.fn();
    faults.afterDelivery('u1', 3, act);
    expect(held.has('u1')).toBe(true);
    expect(held.has('u2')).toBe(false);
    expect(faults.recovering()).toEqual(['u1']);

    await outgoing(faults, delivered('u1', 2)); // an earlier one
    await outgoing(faults, delivered('u2', 3)); // another agent's
    await tick();
    expect(act).not.toHaveBeenCalled();

    await outgoing(faults, delivered('u1', 3));
    expect(act).not.toHaveBeenCalled(); // not before the write of the answer that carries it
    await tick();
    expect(act).toHaveBeenCalledTimes(1);
    expect(held.has('u1')).toBe(false);
    expect(resumed).toEqual(['u1']);
    await outgoing(faults, delivered('u1', 4));
    await tick();
    expect(act).toHaveBeenCalledTimes(1);
  });

  test('acts at once when the client is forgotten before N goes out, and a reset lets the notifications go', () => {
    const act = jest.fn();
    faults.afterDelivery('u1', 1, act);
    faults.forget('c1', 'u1');
    expect(act).toHaveBeenCalledTimes(1);
    expect(held.has('u1')).toBe(false);

    faults.afterDelivery('u2', 1, act);
    faults.reset();
    expect(act).toHaveBeenCalledTimes(1);
    expect(held.has('u2')).toBe(false);
    expect(resumed).toEqual(['u1', 'u2']);
  });

  test('two faults on one agent both act, in the order they were armed, each once its notification goes out', async () => {
    const acted: string[] = [];
    faults.afterDelivery('u1', 2, () => acted.push('first'));
    faults.afterDelivery('u1', 2, () => acted.push('second'));
    faults.afterDelivery('u1', 3, () => acted.push('third'));
    await outgoing(faults, delivered('u1', 2));
    await tick();
    expect(acted).toEqual(['first', 'second']);
    expect(held.has('u1')).toBe(true); // the third still waits for #3
    await outgoing(faults, delivered('u1', 3));
    await tick();
    expect(acted).toEqual(['first', 'second', 'third']);
    expect(held.has('u1')).toBe(false);
  });
});

