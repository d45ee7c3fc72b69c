// What the page reads of GET /sim/state and GET /sim/operations (the server's shapes: src/state.ts,
// src/dashboard/catalog.ts), written out here: the page's type check does not read server code.
export type { FeedEvent, NotificationEvent, OperationEvent } from '../../events-wire';
export type { JournalEntry } from '../../journal/wire';

/** The subset of JSON Schema that zod's toJSONSchema gives for operation parameters. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  items?: JsonSchema;
  /** An object of one field that may be typed as that field's value: `destination` as `7002` for `{"phoneNumber": "7002"}`. */
  shorthand?: string;
}

export interface Media {
  name: string;
  collection: string;
  resource: string;
  topic: string;
}

interface CatalogOperation {
  /** None for an operation on the agent itself (the agent's day). */
  media?: string;
  name: string;
  summary: string;
  example: Record<string, unknown>;
  parameters: JsonSchema;
}

export interface AgentOperation extends CatalogOperation {
  states: string[];
  /** One that creates an interaction from the agent's device (Dial), posted to `path` (`{user}`, `{device}`). */
  creates?: true;
  path?: string;
}

export interface CustomerOperation extends CatalogOperation {
  creates: boolean;
  /** Where it is posted; `{id}` stands for the session's id. */
  path: string;
}

/** An operation of the agent's day: on the agent itself (`me`: StartContactCenterSession...), on one of its channels (Ready, NotReady) or on its device (DoNotDisturbOn). */
export interface AgentStateOperation extends CatalogOperation {
  target: 'me' | 'channel' | 'device';
}

export interface Catalog {
  media: Media[];
  agentOperations: AgentOperation[];
  customerOperations: CustomerOperation[];
  agentStateOperations: AgentStateOperation[];
  /** The channels agents log in on (chat, voice). */
  channels: string[];
  /** The channel whose state the agent's phone shows (voice). */
  deviceChannel: string;
  faults: { kind: string; form: string; example: string }[];
}

export interface User {
  id: string;
  userName: string;
  firstName: string;
  lastName: string;
  /** The agent's state on each channel it is logged in on (the agent's day), voice among them. */
  channels?: { channel: string; state: string; reason?: string; workMode?: string }[];
  /** Its phone: the device's id, its DN, and do-not-disturb. */
  deviceId?: string;
  phoneNumber?: string;
  doNotDisturb?: boolean;
}

export interface Participant {
  participantId: string;
  type: 'Customer' | 'Agent';
  nickname: string;
  visibility: string;
  /** An agent's: /users/<userId>. */
  path?: string;
}

export interface LogEntry {
  index: number;
  type: string;
  from: string;
  text?: string;
  visibility: string;
}

export interface SessionView {
  id: string;
  state: string;
  receivedDate?: string;
  participants: Participant[];
  departed: Participant[];
  invited: { userId: string; kind: string; visibility: string; userName?: string }[];
  agentStates: Record<string, string>;
  agentCapabilities: Record<string, string[]>;
  messages: LogEntry[];
  userData: Record<string, unknown>;
  comment?: string;
  capabilities: string[];
  /** A call: its numbers and ties, and each agent's own call (its leg: the id its REST path names). */
  call?: CallView;
  legs?: Record<string, Leg>;
}

/** A call's numbers and what ties it to other calls (src/state.ts), agents by user name. */
export interface CallView {
  ani: string;
  dnis: string;
  callType: string;
  routed: boolean;
  /** A consultation call still tied to the call it consults from (`parent`, its connId). */
  consultation?: { parent: string; initiator: string; purpose: string };
  /** The consultations started from this call, by the agent who started them. */
  consults?: Record<string, { connId: string; purpose: string }>;
  /** A conference's owner: who may remove participants. */
  owner?: string;
  /** The parties on it now (0 once over): three or more make a conference. */
  parties: number;
}

export interface Leg {
  id: string;
  callType: string;
  mute: boolean;
  recordingState: string;
  establishedAt?: number;
}

/** A session with the medium it belongs to (the state lists them per collection). */
export interface SessionOf extends SessionView {
  media: Media;
}

export interface CometdClient {
  clientId: string;
  userId: string;
  userName: string;
  since: number;
  subscriptions: string[];
  transport?: string;
}

export interface SimState {
  /** The live feed's last event this state includes: the page follows the events after it. */
  lastEventId: number;
  timeScale: number;
  clock: string;
  users: User[];
  cometdClients: CometdClient[];
  deliveries: { userId: string; userName?: string; sent: number; held: number; heldNotifications: { kind: string; dueAt: number }[]; dropped: number }[];
  faults: {
    armed: { id: number; spec: string; source: string; fired: number; active: boolean }[];
    delayedNotifications: { agent: string; kind: string; dueAt: number; readyAt: number }[];
    recovering: string[];
  };
  [collection: string]: unknown;
}
