import { follow, needsRead } from '../../../src/dashboard/page/follow';
import type { FeedEvent, SimState } from '../../../src/dashboard/page/types';

const base = (): SimState => ({
  lastEventId: 10,
  timeScale: 1,
  clock: 'system',
  users: [{ id: 'u1', userName: 'agent1', firstName: 'A', lastName: 'One', channels: [] }],
  cometdClients: [],
  deliveries: [],
  faults: { armed: [], delayedNotifications: [], recovering: [] },
  facebooksessions: [{ id: 'S1', state: 'Chatting', messages: [{ index: 1, type: 'Text', from: 'c', text: 'hi', visibility: 'All' }], agentStates: { agent1: 'Invited' } }],
});

const operation = (id: number, changed: Extract<FeedEvent, { type: 'operation' }>['changed']): FeedEvent => ({
  type: 'operation', id, at: 0, actor: 'agent', agent: 'agent1', operation: 'Accept', via: 'rest', statusCode: 0, changed,
});

describe('the dashboard follows the state by the feed', () => {
  test("an operation replaces its session (without the log) and adds the messages it logged; a new session is added; an agent's channels and do-not-disturb follow", () => {
    const state = follow(base(), [
      operation(11, { sessions: [{ collection: 'facebooksessions', session: { id: 'S1', state: 'Chatting', agentStates: { agent1: 'Chatting' } }, logged: [{ index: 2, type: 'ParticipantJoined', from: 'a1', visibility: 'All' }] }] }),
      operation(12, { sessions: [{ collection: 'facebooksessions', session: { id: 'S2', state: 'Chatting', agentStates: { agent1: 'Invited' } }, logged: [{ index: 1, type: 'Text', from: 'c', text: 'new', visibility: 'All' }] }] }),
      operation(13, { sessions: [], users: [{ userName: 'agent1', channels: [{ channel: 'chat', state: 'Ready' }], doNotDisturb: true }] }),
    ]);
    const sessions = state.facebooksessions as any[];
    expect(sessions.map((s) => [s.id, s.agentStates.agent1, s.messages.map((m: any) => m.type)])).toEqual([
      ['S1', 'Chatting', ['Text', 'ParticipantJoined']],
      ['S2', 'Invited', ['Text']],
    ]);
    expect(state.users[0]).toMatchObject({ channels: [{ channel: 'chat', state: 'Ready' }], doNotDisturb: true });
    expect(state.lastEventId).toBe(13);
  });

  test('events the state already includes (replayed, or come during its read) change nothing', () => {
    const state = base();
    const stale = operation(9, { sessions: [{ collection: 'facebooksessions', session: { id: 'S1', state: 'Completed', agentStates: {} }, logged: [] }] });
    expect(follow(state, [stale])).toBe(state);
  });

  test('clients and deliveries follow their events', () => {
    const events: FeedEvent[] = [
      { type: 'client', id: 11, at: 5, change: 'handshake', agent: 'agent1', clientId: 'c1' },
      { type: 'client', id: 12, at: 6, change: 'subscribe', agent: 'agent1', clientId: 'c1', channel: '/v2/notifications' },
      { type: 'held', id: 13, at: 7, agent: 'agent1', userId: 'u1', topic: 't', kind: 'Notice', dueAt: 7, waiting: 2, data: {} },
      { type: 'notification', id: 14, at: 8, agent: 'agent1', userId: 'u1', topic: 't', receivedOn: [], kind: 'Notice', stamp: { seq: 1, dueAt: 7, sentAt: 8, held: true }, copies: 1, data: {} },
    ];
    const state = follow(base(), events);
    expect(state.cometdClients).toEqual([{ clientId: 'c1', userId: 'u1', userName: 'agent1', since: 5, subscriptions: ['/v2/notifications'] }]);
    expect(state.deliveries).toMatchObject([{ userId: 'u1', sent: 1, held: 1, heldNotifications: [] }]);
    expect(follow(state, [{ type: 'client', id: 15, at: 9, change: 'disconnect', agent: 'agent1', clientId: 'c1' }]).cometdClients).toEqual([]);
  });

  test('only a reset, a gap, a fault or a client needs the state read again, not an operation or a notification', () => {
    const notification = (faults?: string[]): FeedEvent => ({ type: 'notification', id: 12, at: 0, agent: 'agent1', userId: 'u1', topic: 't', receivedOn: [], kind: 'Notice', stamp: { seq: 1, dueAt: 0, sentAt: 0, ...(faults ? { faults } : {}) }, copies: 1, data: {} });
    expect(needsRead([operation(11, { sessions: [] }), notification()], base())).toBe(false);
    const delaying = { ...base(), faults: { ...base().faults, delayedNotifications: [{ agent: 'agent1', kind: 'Notice', dueAt: 0, readyAt: 0 }] } };
    expect(needsRead([notification()], delaying)).toBe(true);
    expect(needsRead([notification(['delay'])], base())).toBe(true);
    expect(needsRead([{ type: 'client', id: 12, at: 0, change: 'handshake', agent: 'agent1', clientId: 'c' }], base())).toBe(true);
    expect(needsRead([{ type: 'control', id: 11, at: 0, action: 'reset', detail: '' }], base())).toBe(true);
    expect(needsRead([{ type: 'gap', id: 11, at: 0, resumesAt: 12, restarted: true }], base())).toBe(true);
  });
});

test('an operation whose change the feed left out (too large) makes the page read the state again', () => {
  const elided = { ...operation(11, undefined), elided: 300_000 } as FeedEvent;
  expect(needsRead([elided], base())).toBe(true);
  expect(needsRead([operation(12, { sessions: [] })], base())).toBe(false);
});

test('an interaction the simulator forgot to make room (--max-interactions) leaves the page too', () => {
  const state = follow(base(), [
    operation(11, {
      sessions: [{ collection: 'facebooksessions', session: { id: 'S2', state: 'Chatting', agentStates: { agent1: 'Invited' } }, logged: [] }],
      forgotten: [{ collection: 'facebooksessions', id: 'S1' }],
    }),
  ]);
  expect((state.facebooksessions as any[]).map((s) => s.id)).toEqual(['S2']);
});
