import type { Sink } from '../../../src/delivery/agent-outbox';
import { Outboxes } from '../../../src/delivery/outboxes';
import { FaultInjector } from '../../../src/faults/injector';
import type { SessionFaults } from '../../../src/faults/session';
import { FaultSpecError } from '../../../src/faults/spec';
import { ManualClock } from '../../../src/scenario/clock';

const USERS = [
  { id: 'id1', userName: 'agent1' },
  { id: 'id2', userName: 'agent2' },
];

/** The agents' outboxes with the injector's rule, in front of a sink that records what it is handed. */
function injector(sessions = { sessionsOf: () => [], reset: () => {}, cut: () => false, dropSession: () => {}, recovering: () => [], subscribed: () => {} } as unknown as SessionFaults, reached = false) {
  const sent: { userId: string; notification: unknown; topic: string; copies: number; faults?: string[]; seq: number }[] = [];
  const log: string[] = [];
  const sink: Sink = {
    hasSubscriber: () => true,
    send: (userId, notification, stamp, topic, copies) => {
      sent.push({ userId, notification, topic, copies, faults: stamp.faults, seq: stamp.seq });
      return reached ? [{ clientId: 'c', channels: [topic] }] : [];
    },
  };
  const clock = new ManualClock(1000);
  const outboxes = new Outboxes({ clock, sink, log: () => {} });
  const faults = new FaultInjector({ clock, seed: 1, log: (line) => log.push(line), outboxes, sessions, users: () => USERS });
  return { faults, outboxes, sent, log };
}

const TOPIC = '/v2/me/facebooksession';

const note = (n: number) => ({ notificationType: `N${n}` });

describe('FaultInjector', () => {
  it("counts an agent's notifications from when the fault is armed", () => {
    const { faults, outboxes, sent } = injector();
    outboxes.publish('id2', note(1), 0, TOPIC);
    faults.arm(['drop:agent2:2']);
    outboxes.publish('id2', note(2), 0, TOPIC); // #1 since arming
    outboxes.publish('id1', note(1), 0, TOPIC); // another agent
    outboxes.publish('id2', note(3), 0, TOPIC); // #2: dropped
    outboxes.publish('id2', note(4), 0, TOPIC);
    expect(sent.map((s) => `${s.userId}:${(s.notification as { notificationType: string }).notificationType}`)).toEqual(['id2:N1', 'id2:N2', 'id1:N1', 'id2:N4']);
    expect(faults.state().armed).toEqual([expect.objectContaining({ spec: 'drop:agent2:2', fired: 1, active: false, source: 'api' })]);
    expect(faults.state().fired).toEqual([
      { at: 1000, faultId: 1, spec: 'drop:agent2:2', kind: 'drop', agent: 'agent2', what: "agent2's notification #2 (N3) dropped" },
    ]);
  });

  it('shapes notifications only while a fault that concerns them is armed (a REST fault does not count)', () => {
    const { faults, outboxes } = injector();
    const shape = jest.spyOn(faults, 'shape');
    outboxes.publish('id1', note(1), 0, TOPIC);
    faults.arm(['rest:agent1:*:INTERNAL']);
    outboxes.publish('id1', note(2), 0, TOPIC);
    expect(shape).not.toHaveBeenCalled();
    faults.arm(['duplicate:agent2:1']);
    outboxes.publish('id1', note(3), 0, TOPIC);
    expect(shape).toHaveBeenCalledTimes(1);
    faults.clear();
    outboxes.publish('id1', note(4), 0, TOPIC);
    expect(shape).toHaveBeenCalledTimes(1);
  });

  it('arms all or none, naming the unknown agent and the users', () => {
    const { faults } = injector();
    expect(() => faults.arm(['drop:agent2:1', 'drop:agent9:1'])).toThrow(FaultSpecError);
    expect(() => faults.arm(['drop:agent9:1'])).toThrow("fault 'drop:agent9:1': no user 'agent9' in the fixture; its users: agent1, agent2, or * for every agent");
    expect(faults.state().armed).toEqual([]);
  });

  it('marks duplicates and delays on the notification, for ext.gwsSim.faults', () => {
    const { faults, outboxes, sent } = injector();
    faults.arm(['duplicate:*:1']);
    outboxes.publish('id1', note(1), 0, TOPIC);
    expect(sent[0]).toMatchObject({ topic: TOPIC, copies: 2, faults: ['duplicate'] });
  });

  it('hands on the topic of each notification, with no fault armed and with one', () => {
    const { faults, outboxes, sent } = injector();
    outboxes.publish('id1', note(1), 0, '/v2/me/chats');
    faults.arm(['drop:agent2:1']);
    outboxes.publish('id1', note(2), 0, '/v2/me/chats');
    outboxes.publish('id2', note(3), 0, TOPIC);
    outboxes.publish('id2', note(4), 0, TOPIC);
    expect(sent.map((s) => [s.userId, (s.notification as { notificationType: string }).notificationType, s.topic])).toEqual([
      ['id1', 'N1', '/v2/me/chats'],
      ['id1', 'N2', '/v2/me/chats'],
      ['id2', 'N4', TOPIC],
    ]);
  });

  it('answers the n-th call of an operation, then performs the others', () => {
    const { faults } = injector();
    faults.arm([{ kind: 'rest', agent: 'agent1', operation: 'RemoveParticipantFromConference', error: 'VISIBILITY_NOT_ALL', nth: 2 }]);
    expect(faults.restFault('id2', 'RemoveParticipantFromConference')).toBeUndefined();
    expect(faults.restFault('id1', 'RemoveParticipantFromConference')).toBeUndefined();
    expect(faults.restFault('id1', 'RemoveParticipantFromConference')).toEqual({
      httpStatus: 403,
      body: { statusCode: 3, statusMessage: expect.stringContaining('RemoveParticipantFromConference was not performed (VISIBILITY_NOT_ALL)') },
    });
    expect(faults.restFault('id1', 'RemoveParticipantFromConference')).toBeUndefined();
    expect(faults.state().armed[0].active).toBe(false);
  });

  it('takes a list of 10,000 notification numbers, and reports on it, without overflowing the stack', () => {
    const { faults, outboxes } = injector();
    faults.arm([{ kind: 'drop', agent: 'agent1', nth: Array.from({ length: 10_000 }, (_, i) => 2 * i + 1) }]);
    outboxes.publish('id1', note(1), 0, TOPIC);
    expect(faults.state().armed[0]).toMatchObject({ fired: 1, active: true });
    expect(() => faults.arm([{ kind: 'drop', agent: 'agent1', nth: Array.from({ length: 10_001 }, (_, i) => i + 1) }])).toThrow("nth: at most 10000 numbers; use '*' for more");
  });

  it('reset() forgets faults armed since start and arms the start-up ones afresh', () => {
    const { faults, outboxes, sent } = injector();
    faults.armAtStart(['drop:agent1:1']);
    faults.arm(['drop:agent2:*']);
    outboxes.publish('id1', note(1), 0, TOPIC);
    faults.reset();
    expect(faults.state()).toEqual({ armed: [expect.objectContaining({ spec: 'drop:agent1:1', source: 'start', fired: 0 })], fired: [], delayed: 0, delayedNotifications: [], recovering: [] });
    outboxes.publish('id1', note(2), 0, TOPIC);
    outboxes.publish('id2', note(3), 0, TOPIC);
    expect(sent.map((s) => s.userId)).toEqual(['id2']);
  });

  it('a session fault after=N waits for notification N by the seq it was handed over with, and acts on the sessions then', () => {
    const waits: { userId: string; seq: number; act: () => void }[] = [];
    const dropped: string[] = [];
    const sessions = {
      sessionsOf: () => ['client-2'],
      dropSession: (clientId: string) => dropped.push(clientId),
      afterDelivery: (userId: string, seq: number, act: () => void) => waits.push({ userId, seq, act }),
      recovering: () => [],
    } as unknown as SessionFaults;
    const { faults, outboxes } = injector(sessions, true);
    for (let n = 0; n < 40; n++) outboxes.publish('id2', note(0), 0, TOPIC);
    faults.arm(['session-drop:agent2:after=2']);
    outboxes.publish('id2', note(1), 0, TOPIC);
    outboxes.publish('id2', note(2), 0, TOPIC);
    expect(waits).toEqual([{ userId: 'id2', seq: 42, act: expect.any(Function) }]);
    expect(dropped).toEqual([]);
    waits[0].act();
    expect(dropped).toEqual(['client-2']);
    expect(faults.state().fired.map((f) => f.what)).toEqual([expect.stringContaining("after agent2's notification #2 (N2): dropped agent2's CometD session(s) client-2")]);
  });
});
