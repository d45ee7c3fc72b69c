import type { CometdClient, FeedEvent, LogEntry, SessionView, SimState } from './types';

/**
 * Events whose effect on the state they do not wholly carry: a reset, a gap, faults armed, cleared
 * or fired, a client's transport.
 */
const UNFOLLOWED = new Set<FeedEvent['type']>(['fault', 'control', 'gap', 'client']);

/**
 * Whether the page must read GET /sim/state again after these events. It reads it only when it
 * opens, reconnects, or sees such an event (or a notification a fault held back), and while a
 * fault holds notifications back or an agent's session is not back (what waits behind a delayed
 * one has no event), or an operation's change was too large for the feed: a big state read on every notification blocked the server and made
 * notifications late.
 */
export function needsRead(events: readonly FeedEvent[], state: SimState | undefined): boolean {
  if (state && (state.faults.delayedNotifications.length > 0 || state.faults.recovering.length > 0)) return events.length > 0;
  return events.some(
    (event) =>
      UNFOLLOWED.has(event.type) ||
      (event.type === 'notification' && (event.stamp.faults?.length ?? 0) > 0) ||
      (event.type === 'operation' && event.elided !== undefined),
  );
}

/**
 * The state as the feed's events after it change it (those `needsRead` names change nothing here).
 * An event the state already includes (a replayed one, one that came during the read) is skipped:
 * what it says is older than the state.
 */
export function follow(state: SimState, events: readonly FeedEvent[]): SimState {
  let next = state;
  for (const event of events) {
    if (event.id <= next.lastEventId) continue;
    next = { ...next, lastEventId: event.id };
    switch (event.type) {
      case 'operation':
        if (event.changed) next = withChange(next, event.changed);
        break;
      case 'client':
        next = { ...next, cometdClients: withClient(next, event) };
        break;
      case 'notification':
        next = withDelivery(next, event.userId, (d) => ({
          ...d,
          sent: Math.max(d.sent, event.stamp.seq),
          ...(event.stamp.held ? { held: Math.max(0, d.held - 1), heldNotifications: d.heldNotifications.slice(1) } : {}),
        }));
        break;
      case 'held':
        next = withDelivery(next, event.userId, (d) => ({ ...d, held: event.waiting, heldNotifications: [...d.heldNotifications, { kind: event.kind, dueAt: event.dueAt }].slice(-event.waiting) }));
        break;
      case 'fault':
      case 'control':
      case 'gap':
      case 'request': // what a desktop sent: its effect comes as its own events
        break;
      default: {
        const unknown: never = event;
        void unknown;
      }
    }
  }
  return next;
}

type Change = NonNullable<Extract<FeedEvent, { type: 'operation' }>['changed']>;

function withChange(state: SimState, change: Change): SimState {
  const next: SimState = { ...state };
  for (const { collection, id } of change.forgotten ?? []) {
    next[collection] = ((next[collection] as SessionView[] | undefined) ?? []).filter((s) => s.id !== id);
  }
  for (const { collection, session, logged } of change.sessions) {
    const sessions = (next[collection] as SessionView[] | undefined) ?? [];
    const known = sessions.find((s) => s.id === session.id);
    const messages = [...(known?.messages ?? [])];
    // The log numbers its messages from 1.
    for (const entry of logged) messages[entry.index - 1] = entry as unknown as LogEntry;
    const updated = { ...(session as unknown as SessionView), messages };
    next[collection] = known ? sessions.map((s) => (s.id === session.id ? updated : s)) : [...sessions, updated];
  }
  for (const { userName, channels, doNotDisturb } of change.users ?? []) {
    next.users = next.users.map((u) => (u.userName === userName ? { ...u, channels: channels as SimState['users'][number]['channels'], doNotDisturb } : u));
  }
  return next;
}

function withClient(state: SimState, event: Extract<FeedEvent, { type: 'client' }>): CometdClient[] {
  const clients = state.cometdClients;
  const known = clients.find((c) => c.clientId === event.clientId);
  switch (event.change) {
    case 'handshake': {
      if (known) return clients;
      const userId = state.users.find((u) => u.userName === event.agent)?.id ?? event.agent;
      return [...clients, { clientId: event.clientId, userId, userName: event.agent, since: event.at, subscriptions: [] }];
    }
    case 'subscribe':
      return clients.map((c) => (c === known && event.channel !== undefined && !c.subscriptions.includes(event.channel) ? { ...c, subscriptions: [...c.subscriptions, event.channel] } : c));
    case 'unsubscribe':
      return clients.map((c) => (c === known ? { ...c, subscriptions: c.subscriptions.filter((s) => s !== event.channel) } : c));
    case 'disconnect':
      return clients.filter((c) => c !== known);
    default: {
      const unknown: never = event.change;
      return unknown;
    }
  }
}

function withDelivery(state: SimState, userId: string, change: (d: SimState['deliveries'][number]) => SimState['deliveries'][number]): SimState {
  const known = state.deliveries.find((d) => d.userId === userId);
  const deliveries = known
    ? state.deliveries.map((d) => (d === known ? change(d) : d))
    : [...state.deliveries, change({ userId, userName: state.users.find((u) => u.id === userId)?.userName, sent: 0, held: 0, heldNotifications: [], dropped: 0 })];
  return { ...state, deliveries };
}
