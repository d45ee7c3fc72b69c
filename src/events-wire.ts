// The simulator's live feed as JSON (GET /sim/events), shared by the server (src/events.ts) and
// the dashboard page (src/dashboard/page): no imports but the journal's wire shapes, so the page's type check can read it.
import type { JournalEntry } from './journal/wire';

/** What every event has: its number in the feed (the SSE id) and when it happened (epoch ms, simulator clock). */
interface Numbered {
  id: number;
  at: number;
}

/** A notification handed to an agent's CometD subscribers; `stamp` is the `ext.gwsSim` it carries. */
export interface NotificationEvent extends Numbered {
  type: 'notification';
  agent: string;
  userId: string;
  /** The GWS topic (/v2/me/facebooksession...); it also goes out on /v2/notifications. */
  topic: string;
  /** Each CometD client of the agent that received it, and the channels it received it on (by its subscriptions). */
  receivedOn: readonly { clientId: string; channels: readonly string[] }[];
  /** Its kind, as `expect` names it: Notice, ParticipantLeft, StatusChange... */
  kind: string;
  stamp: { seq: number; dueAt: number; sentAt: number; held?: true; faults?: string[] };
  /** Sent this many times (a duplicate fault: 2). */
  copies: number;
  /** The notification; null when it was too large for the feed (`elided`: its size). */
  data: unknown;
  elided?: number;
}

/** A notification kept for an agent with no subscriber: it goes out, marked `held`, when the agent subscribes. */
export interface HeldEvent extends Numbered {
  type: 'held';
  agent: string;
  userId: string;
  topic: string;
  kind: string;
  dueAt: number;
  /** How many are held for the agent now, this one included. */
  waiting: number;
  /** The notification; null when it was too large for the feed (`elided`: its size). */
  data: unknown;
  elided?: number;
}

/** An operation performed, or refused, over REST or /sim: by an agent, or by the customer. */
export interface OperationEvent extends Numbered {
  type: 'operation';
  actor: 'agent' | 'customer';
  /** The agent who performed it (an agent's operation). */
  agent?: string;
  operation: string;
  /** The medium of its session; none for an operation on the agent itself (Ready, NotReady...). */
  media?: string;
  /** The session, when the request named one or the operation created one. */
  session?: string;
  /** The channel of an operation on it (Ready, NotReady). */
  channel?: string;
  /** `rest`: /api/v2 (the agent's desktop); `sim`: a /sim control (the dashboard, a script, a test). */
  via: 'rest' | 'sim';
  statusCode: number;
  statusMessage?: string;
  /** What the answer carried besides statusCode (referenceId, id). */
  answer?: Record<string, unknown>;
  /** What it changed (a performed one), as GET /sim/state shows it: the dashboard follows the state by it. */
  changed?: OperationChange;
  /** Set (the event's size) when `changed` was too large for the feed and left out: read GET /sim/state instead. */
  elided?: number;
}

/** The state an operation changed: sessions (without their logs, with the messages logged), agents' channels and phones. */
export interface OperationChange {
  sessions: { collection: string; session: { id: string } & Record<string, unknown>; logged: ({ index: number } & Record<string, unknown>)[] }[];
  /** An agent's channels (voice among them) and its phone's do-not-disturb. */
  users?: { userName: string; channels: unknown[]; doNotDisturb: boolean }[];
  /** Interactions forgotten to make room (--max-interactions): gone from the state. */
  forgotten?: { collection: string; id: string }[];
}

/** An injected fault that fired (as GET /sim/state lists it under faults.fired). */
export interface FaultEvent extends Numbered {
  type: 'fault';
  faultId: number;
  spec: string;
  kind: string;
  agent: string;
  what: string;
}

/** A change to the simulator itself: a reset (the feed starts over), faults armed or cleared, a custom notification. */
export interface ControlEvent extends Numbered {
  type: 'control';
  action: 'reset' | 'faults-armed' | 'faults-cleared';
  detail: string;
}

/** An agent's CometD client: handshaken, subscribed, unsubscribed, gone. */
export interface ClientEvent extends Numbered {
  type: 'client';
  change: 'handshake' | 'subscribe' | 'unsubscribe' | 'disconnect';
  agent: string;
  clientId: string;
  channel?: string;
}

/** A request to /api/v2 or a Bayeux message, as the request journal keeps it (GET /sim/requests). */
export interface RequestEvent extends Numbered {
  type: 'request';
  request: JournalEntry;
}

/** Sent instead of the events a page asked for (by Last-Event-ID) that the feed no longer keeps. */
export interface GapEvent extends Numbered {
  type: 'gap';
  /** The first event the feed still has. */
  resumesAt: number;
  /** The page had seen ids this feed never gave: the simulator was restarted, what the page shows is stale. */
  restarted: boolean;
}

export type FeedEvent = NotificationEvent | HeldEvent | OperationEvent | FaultEvent | ControlEvent | ClientEvent | RequestEvent | GapEvent;
