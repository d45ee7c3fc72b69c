import { HISTORY, MAX_EVENT_BYTES, SimEvents } from '../../src/events';
import type { DeliveryExt } from '../../src/delivery/stamp';

const NAMES: Record<string, string> = { u1: 'agent1', u2: 'agent2' };
const stamp = (seq: number): DeliveryExt => ({ seq, dueAt: 1000 + seq, sentAt: 1005 + seq });

function feed(capacity?: number) {
  let now = 0;
  const looked: string[] = [];
  const events = new SimEvents(
    () => ++now,
    (userId) => {
      looked.push(userId);
      return NAMES[userId] ?? userId;
    },
    capacity,
  );
  return { events, looked };
}

/** A notification whose serialization is counted: JSON.stringify calls toJSON. */
function counted(kind: string) {
  const data = { notificationType: kind, serialized: 0, toJSON() {
    data.serialized++;
    return { notificationType: kind };
  } };
  return data;
}

const parsed = (replayed: { json: string }[]) => replayed.map((r) => JSON.parse(r.json));

describe('SimEvents', () => {
  test('with nobody listening, a notification is kept as it is: no JSON, no name lookup, no copy', () => {
    const { events, looked } = feed();
    const data = counted('StatusChange');
    events.notification('u1', data, stamp(1), '/v2/me/facebooksession', 1, [{ clientId: 'c1', channels: ['/v2/notifications'] }]);
    expect(data.serialized).toBe(0);
    expect(looked).toEqual([]);
    expect(events.listening).toBe(false);

    const [event] = parsed(events.replay());
    expect(event).toEqual({
      type: 'notification', id: 1, at: 1006, agent: 'agent1', userId: 'u1', topic: '/v2/me/facebooksession',
      receivedOn: [{ clientId: 'c1', channels: ['/v2/notifications'] }], kind: 'StatusChange', stamp: stamp(1), copies: 1, data: { notificationType: 'StatusChange' },
    });
    expect(data.serialized).toBe(1);
  });

  test('a notification held for an agent with no subscriber is kept the same way, with when it was held', () => {
    const { events, looked } = feed();
    const data = counted('ParticipantLeft');
    events.held('u2', data, 1234, '/v2/me/facebooksession', 3);
    expect([data.serialized, looked]).toEqual([0, []]);
    expect(parsed(events.replay())).toEqual([
      { type: 'held', id: 1, at: 1, agent: 'agent2', userId: 'u2', topic: '/v2/me/facebooksession', kind: 'ParticipantLeft', dueAt: 1234, waiting: 3, data: { notificationType: 'ParticipantLeft' } },
    ]);
  });

  test('listeners get each event as JSON made once for all of them, and stop when they ask', () => {
    const { events } = feed();
    const first: [number, string][] = [];
    const second: [number, string][] = [];
    const stopFirst = events.listen((id, json) => first.push([id, json]));
    events.listen((id, json) => second.push([id, json]));
    const data = counted('Notice');
    events.notification('u2', data, stamp(1), '/v2/me/facebooksession', 2, []);
    expect(data.serialized).toBe(1);
    expect(second).toEqual(first);
    expect(JSON.parse(first[0][1])).toMatchObject({ type: 'notification', agent: 'agent2', copies: 2 });

    stopFirst();
    events.control('faults-cleared', 'every fault disarmed');
    expect(first).toHaveLength(1);
    expect(second.map(([id]) => id)).toEqual([1, 2]);
    // A replay serves the JSON already made.
    parsed(events.replay());
    expect(data.serialized).toBe(1);
  });

  test('a listener that throws does not stop the others, nor the report', () => {
    const { events } = feed();
    const heard: number[] = [];
    events.listen(() => {
      throw new Error('broken page');
    });
    events.listen((id) => heard.push(id));
    expect(() => events.operation({ actor: 'customer', operation: 'CustomerMessage', media: 'facebook', session: 's', via: 'sim', statusCode: 0 })).not.toThrow();
    expect(heard).toEqual([1]);
  });

  test(`keeps the last ${HISTORY} events by default, oldest first`, () => {
    const { events } = feed();
    for (let i = 1; i <= HISTORY + 250; i++) events.client('handshake', 'agent1', `client${i}`);
    const kept = parsed(events.replay());
    expect(kept).toHaveLength(HISTORY);
    expect(kept[0]).toMatchObject({ id: 251, clientId: 'client251' });
    expect(kept[HISTORY - 1]).toMatchObject({ id: HISTORY + 250, clientId: `client${HISTORY + 250}` });
  });

  test('replays after a Last-Event-ID; a gap first when the page missed events no longer kept', () => {
    const { events } = feed(5);
    for (let i = 1; i <= 8; i++) events.control('faults-armed', `drop:agent2:${i}`);
    expect(parsed(events.replay(6)).map((e) => e.id)).toEqual([7, 8]);
    expect(parsed(events.replay(8))).toEqual([]);
    const behind = parsed(events.replay(1));
    expect(behind[0]).toMatchObject({ type: 'gap', id: 3, resumesAt: 4, restarted: false });
    expect(behind.slice(1).map((e) => e.id)).toEqual([4, 5, 6, 7, 8]);
  });

  test('a page that saw ids this feed never gave (a restarted simulator) gets a restarted gap, then everything kept', () => {
    const { events } = feed();
    events.control('faults-cleared', 'every fault disarmed');
    const replayed = parsed(events.replay(500));
    expect(replayed.map((e) => [e.type, e.restarted])).toEqual([['gap', true], ['control', undefined]]);
  });

  test('a reset forgets the history and starts the new one with itself; ids keep counting', () => {
    const { events } = feed();
    events.notification('u1', { notificationType: 'StatusChange' }, stamp(1), '/v2/me/facebooksession', 1, []);
    events.fault({ at: 77, faultId: 1, spec: 'drop:agent2:2', kind: 'drop', agent: 'agent2', what: 'dropped' });
    events.reset('back to the fixture');
    expect(parsed(events.replay())).toEqual([{ type: 'control', action: 'reset', detail: 'back to the fixture', id: 3, at: expect.any(Number) }]);
    // A page that had seen both resumes with the reset, without a gap.
    expect(parsed(events.replay(2)).map((e) => e.type)).toEqual(['control']);
  });

  test('a fired fault keeps the time it fired at', () => {
    const { events } = feed();
    events.fault({ at: 77, faultId: 4, spec: 'delay:agent1:1:300', kind: 'delay', agent: 'agent1', what: "agent1's notification #1 (Notice) delayed 300 ms" });
    expect(parsed(events.replay())).toEqual([
      { type: 'fault', id: 1, at: 77, faultId: 4, spec: 'delay:agent1:1:300', kind: 'delay', agent: 'agent1', what: "agent1's notification #1 (Notice) delayed 300 ms" },
    ]);
  });

  test('a page that comes back after events the byte bound forgot gets a gap first; a notification too big for the feed goes without its data', async () => {
    const events = new SimEvents(() => 5, (id) => id, 1000, 50_000);
    for (let i = 1; i <= 20; i++) events.notification('u1', { text: 'x'.repeat(10_000) }, { seq: i, dueAt: 0, sentAt: 0 }, '/v2/me/facebooksession', 1, []);
    const replayed = events.replay(2).map((r) => JSON.parse(r.json));
    expect(replayed[0]).toMatchObject({ type: 'gap', restarted: false });
    expect(replayed.length).toBeLessThan(7);
    expect(replayed.slice(1).map((e) => e.id)).toEqual(Array.from({ length: replayed.length - 1 }, (_, i) => 22 - replayed.length + i));
    expect(replayed[0].resumesAt).toBe(replayed[1].id);

    events.notification('u1', { text: 'x'.repeat(MAX_EVENT_BYTES) }, { seq: 21, dueAt: 0, sentAt: 0 }, '/v2/me/facebooksession', 1, []);
    expect(JSON.parse(events.replay(20)[0].json)).toMatchObject({ id: 21, type: 'notification', data: null, elided: expect.any(Number) });
  });

  test('an operation whose change is too big for the feed goes without it, marked elided, within the bound of one event', () => {
    const events = new SimEvents(() => 5, (id) => id);
    const userData = { big: 'x'.repeat(2 * MAX_EVENT_BYTES) };
    events.operation({ actor: 'agent', agent: 'agent1', operation: 'AttachUserData', via: 'rest', statusCode: 0, changed: { sessions: [{ collection: 'chats', session: { id: 'S1', userData }, logged: [] }] } });
    const [{ json }] = events.replay();
    expect(json.length).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    const event = JSON.parse(json);
    expect(event).toMatchObject({ type: 'operation', operation: 'AttachUserData', statusCode: 0, elided: expect.any(Number) });
    expect(event.changed).toBeUndefined();
  });
});
