import { gwsError } from '../errors';
import { AgentChannels, type ChannelsSnapshot } from './channels';
import { DEFAULT_LIMITS, type ModelLimits } from './limits';
import { devicesOf, type Device } from './families/voice/devices';
import { routingPoints, type AgentParticipant, type Fixture, type FixtureChat, type FixtureSession, type LogMessage, type Participant, type User } from './fixture';
import { CHANNELS, DEFAULT_MEDIA, FAMILIES, familyNamed, type AgentState, type MediaName } from './families';

export type { LogMessage } from './fixture';
/**
 * The interaction as one agent's desktop sees it. GWS gives each agent its own state: a removed
 * agent sees LeftChat then Completed while the others go on Chatting (families/family.ts).
 */
export type { AgentState } from './families';

/** An agent offered the session (an arrival, a consultation or a transfer) who has not answered yet. */
export interface Invitation {
  userId: string;
  kind: 'offer' | 'consult' | 'transfer';
  /** What the agent's participant will be once it accepts: All for an offer or transfer, Agents for a consultation. */
  visibility: 'All' | 'Agents';
  /** The agent who consulted or transferred. */
  by?: string;
  /**
   * A consultant's participant, made when it is invited: GWS shows it among the participants from
   * the caller's first notification (the chat Consult page), and it keeps its id once it accepts.
   */
  participant?: AgentParticipant;
}

/** A session as the simulator keeps it: the fixture's shape plus who has left, who is invited, and each agent's state. */
/** The fields only a Facebook session's resource shows (families/facebook): a chat or a call has none of its own. */
type FacebookFields = 'facebooksessionType' | 'suggestedQueueIds' | 'capabilities' | 'revelantResponseTemplateGroups';

export interface Session extends Omit<FixtureSession, FacebookFields>, Partial<Pick<FixtureSession, FacebookFields>> {
  media: MediaName;
  /** Participants who left or were removed; their messages stay in the log. */
  departed: Participant[];
  invited: Invitation[];
  /** userId -> that agent's state, for every agent the session has reached. */
  states: Record<string, AgentState>;
  comment?: string;
  /** Each agent's own leg, in a family with a leg per agent (a call: each party's call resource). */
  legs?: Record<string, Leg>;
  /** What a call adds: its numbers and ids (families/voice). */
  call?: CallData;
}

/**
 * One agent's own leg of an interaction: GWS gives each party of a call its own call resource,
 * with its own id, type, mute and recording state, and its duration counted from when it connected.
 */
export interface Leg {
  id: string;
  callType: 'Inbound' | 'Outbound' | 'Internal' | 'Consult';
  mute: boolean;
  recordingState: 'Stopped' | 'Recording' | 'Paused';
  /** When it was established (ms), for `duration`; undefined before. */
  establishedAt?: number;
}

/** A new leg's mute and recording state: unmuted, not recorded. */
export const FRESH_LEG: Pick<Leg, 'mute' | 'recordingState'> = { mute: false, recordingState: 'Stopped' };

/** What a call has besides a session's fields: the numbers of the connection (ani: who called, dnis: who was called). */
export interface CallData {
  ani: string;
  dnis: string;
  /** The type of the legs the call gives the agents it rings. */
  callType: Leg['callType'];
  /** Delivered through routing (a queue): the agent it rings may Reject it, and it goes back there. */
  routed: boolean;
  /** A consultation call (InitiateTransfer, InitiateConference) still tied to the call it consults from, and what for. */
  consultation?: Consultation;
  /** A consultation call's initiator and its leg on the call consulted from: its `parentCallUri`, kept once the calls are untied. */
  parent?: { initiator: string; leg: string };
  /** The consultations its parties started from it, by the initiating agent (its call is Held meanwhile). */
  consults?: Readonly<Record<string, { connId: string; purpose: Consultation['purpose'] }>>;
  /** A conference's owner: the agent who completed it, the one who may remove participants (the RemoveParticipantFromConference page). */
  owner?: string;
}

/**
 * What ties a consultation call to the call it consults from (its connId), the agent who
 * initiated it, and whether it was initiated as a transfer or a conference.
 */
export interface Consultation {
  parent: string;
  initiator: string;
  purpose: 'transfer' | 'conference';
}

export interface LoggedMessage {
  index: number;
  message: LogMessage;
  from: Participant;
}

/** Where a user stands in a session: its state, and its participant or invitation. */
export interface Standing {
  userId: string;
  session: Session;
  state: AgentState;
  participant?: AgentParticipant;
  invitation?: Invitation;
  /** The agent's state on the other call of its consultation (a call's, voice): what Retrieve and SwapCalls depend on. */
  tied?: AgentState;
}

/** GwsModel.saved(): every interaction, the ids given, the agents' channels. */
export interface ModelSnapshot {
  sessions: Session[];
  lastReferenceId: number;
  lastId: number;
  channels: ChannelsSnapshot;
}

/** The simulated GWS state: users and sessions, reset to the fixture on demand. */
export class GwsModel {
  private sessions = new Map<string, Session>();
  /** Each agent's channels (StartContactCenterSession, Ready, NotReady) and the sessions waiting for a Ready agent. */
  readonly channels: AgentChannels;
  private lastReferenceId = 0;
  private forgotten: { id: string; media: MediaName }[] = [];
  private lastId = 0;
  /** A leg's id (an agent's own call of a connection) -> its interaction and agent. */
  private legs = new Map<string, { sessionId: string; userId: string }>();
  // Looked up on every request and handshake: maps, not a scan of thousands of users.
  private readonly byId: ReadonlyMap<string, User>;
  private readonly byName: ReadonlyMap<string, User>;
  /** Each user's phone, by user id and by id and DN. */
  readonly devices: readonly Device[];
  private readonly deviceByUser: ReadonlyMap<string, Device>;

  constructor(
    readonly fixture: Fixture,
    readonly limits: ModelLimits = DEFAULT_LIMITS,
  ) {
    this.byId = new Map(fixture.users.map((u) => [u.id, u]));
    this.byName = new Map(fixture.users.map((u) => [u.userName, u]));
    this.devices = devicesOf(fixture.users, routingPoints(fixture));
    this.deviceByUser = new Map(this.devices.map((d) => [d.userId, d]));
    this.channels = new AgentChannels(fixture.users.map((u) => u.id));
    this.reset();
  }

  reset(): void {
    const stored = (s: FixtureSession | FixtureChat, media: MediaName): [string, Session] => {
      const states = Object.fromEntries(agentsOf(s).map((p) => [p.userId, s.state]));
      return [s.id, { ...copyJson(s), media, departed: [], invited: [], states }];
    };
    this.sessions = new Map(FAMILIES.flatMap((family) => (family.fixtureKey === undefined ? [] : (this.fixture[family.fixtureKey] ?? []).map((s) => stored(s, family.name)))));
    this.legs = new Map();
    this.forgotten = [];
    this.channels.reset();
    this.lastReferenceId = 0;
    this.lastId = 0;
  }

  /** The whole state as JSON data, for a cluster's snapshot (src/cluster): what reset() would otherwise rebuild. */
  saved(): ModelSnapshot {
    return { sessions: [...this.sessions.values()], lastReferenceId: this.lastReferenceId, lastId: this.lastId, channels: this.channels.saved() };
  }

  /** Back to a saved state (a node joining a cluster whose log starts after its first change). */
  restore(saved: ModelSnapshot): void {
    this.sessions = new Map(saved.sessions.map((s) => [s.id, s]));
    this.legs = new Map(saved.sessions.flatMap((s) => Object.entries(s.legs ?? {}).map(([userId, leg]) => [leg.id, { sessionId: s.id, userId }] as const)));
    this.forgotten = [];
    this.channels.restore(saved.channels);
    this.lastReferenceId = saved.lastReferenceId;
    this.lastId = saved.lastId;
  }

  get users(): readonly User[] {
    return this.fixture.users;
  }

  userById(id: string): User | undefined {
    return this.byId.get(id);
  }

  userByName(userName: string): User | undefined {
    return this.byName.get(userName);
  }

  deviceOf(userId: string): Device {
    return this.deviceByUser.get(userId)!;
  }

  /** The user's device, named by its id in a REST path: GWS answers 6 for any other, as for an unknown one. */
  ownDevice(user: User, deviceId: string): Device {
    const own = this.deviceOf(user.id);
    if (deviceId !== own.id) throw gwsError('DEVICE_NOT_FOUND', deviceId, user.userName, own.id);
    return own;
  }

  /** The device whose DN is `phoneNumber`: another agent's phone, for an internal call. */
  deviceByNumber(phoneNumber: string): Device | undefined {
    return this.devices.find((d) => d.phoneNumber === phoneNumber);
  }

  /** The sessions of the medium on the user's desktop: invited, chatting or left but not completed. */
  sessionsOf(userId: string, media: MediaName = DEFAULT_MEDIA): Session[] {
    const done = familyNamed(media).finalState;
    return this.allSessions(media).filter((s) => s.states[userId] !== undefined && s.states[userId] !== done);
  }

  /** The sessions of one medium (Facebook sessions unless told). */
  allSessions(media: MediaName = DEFAULT_MEDIA): Session[] {
    return [...this.sessions.values()].filter((s) => s.media === media);
  }

  /** The session, of `media` when given: GWS answers 6 for an id of another medium's collection. */
  session(sessionId: string, media?: MediaName): Session {
    const session = this.sessions.get(sessionId);
    if (!session || (media !== undefined && session.media !== media)) throw gwsError('SESSION_NOT_FOUND', sessionId, familyNamed(media ?? session?.media ?? DEFAULT_MEDIA).resource);
    return session;
  }

  /**
   * The interaction as `user` may see it, by the id its REST path names: the interaction's own,
   * or (a family with a leg per agent: calls) the id of the user's leg. GWS answers 6 for unknown
   * interactions and for outsiders alike.
   */
  sessionFor(user: User, id: string, media?: MediaName): Standing {
    const leg = this.legs.get(id);
    const session = leg !== undefined && leg.userId === user.id ? this.session(leg.sessionId, media) : this.session(id, media);
    const family = familyNamed(session.media);
    if (family.legPerAgent && leg?.userId !== user.id) throw gwsError('SESSION_NOT_FOUND', id, family.resource);
    const state = session.states[user.id];
    if (state === undefined || state === family.finalState) throw gwsError('NOT_A_PARTICIPANT', id, user.userName, family.resource);
    return this.standingOf(session, user.id, state);
  }

  /** Where `userId` stands in the session, in `state`: its participant or invitation, and its consultation's other call. */
  standingOf(session: Session, userId: string, state: AgentState): Standing {
    const call = session.call;
    const tiedTo = call?.consultation?.initiator === userId ? call.consultation.parent : call?.consults?.[userId]?.connId;
    const tied = tiedTo === undefined ? undefined : this.sessions.get(tiedTo)?.states[userId];
    return { userId, session, state, participant: agentOf(session, userId), invitation: session.invited.find((i) => i.userId === userId), ...(tied === undefined ? {} : { tied }) };
  }

  /** Adds a session (an arrival); its id and participant ids are generated, the same after each reset. */
  addSession(build: (ids: () => string) => Omit<Session, 'id'>): Session {
    this.makeRoom();
    const made = build(() => this.nextId());
    // A call's id is its connId: 16 hex digits, as T-Server's (the Call Control pages' samples).
    const id = familyNamed(made.media).legPerAgent ? `0071${(++this.lastId).toString(16).padStart(12, '0')}` : `gws-sim-${this.nextId()}`;
    const session = { ...made, id } as Session;
    this.sessions.set(session.id, session);
    return session;
  }

  /** Gives `userId` its own leg of the interaction (a call resource with its own id), once while it is on it. */
  addLeg(session: Session, userId: string, leg: Omit<Leg, 'id'>): Leg {
    const known = session.legs?.[userId];
    if (known && session.states[userId] !== 'Released') return known;
    // An agent rung again after it left the call gets a new call, not its old one's mute and duration.
    if (known) this.legs.delete(known.id);
    const made: Leg = { ...leg, id: this.nextId() };
    session.legs = { ...session.legs, [userId]: made };
    this.legs.set(made.id, { sessionId: session.id, userId });
    return made;
  }

  /**
   * Moves `userId`'s leg (same id) from one connection to another, with its state, participant and
   * invitation: a transfer or conference completed joins the consultation's parties to the original
   * call (which the consultation, now over, still lists).
   */
  moveLeg(from: Session, to: Session, userId: string): void {
    const leg = from.legs?.[userId];
    if (!leg) return;
    const replaced = to.legs?.[userId];
    if (replaced && to.states[userId] !== 'Released') throw new Error(`moveLeg: ${userId} is already on ${to.id}`);
    if (replaced) this.legs.delete(replaced.id);
    const { [userId]: moved, ...rest } = from.legs!;
    from.legs = rest;
    to.legs = { ...to.legs, [userId]: moved };
    this.legs.set(leg.id, { sessionId: to.id, userId });
    to.states[userId] = from.states[userId];
    delete from.states[userId];
    // The party stays listed where it was: a call released keeps the parties it had (the CompleteConference page's consultation).
    const party = agentOf(from, userId);
    if (party) to.participants = [...to.participants, party];
    const invitation = from.invited.find((i) => i.userId === userId);
    if (invitation) {
      from.invited = from.invited.filter((i) => i !== invitation);
      to.invited = [...to.invited, invitation];
    }
  }

  /** Refuses a message text longer than the limit (an arrival's first text is checked before the session is made). */
  checkText(text: string | undefined): void {
    if (text === undefined || text.length * 3 <= this.limits.maxMessageBytes) return;
    const bytes = Buffer.byteLength(text);
    if (bytes > this.limits.maxMessageBytes) throw gwsError('MESSAGE_TOO_LONG', bytes, this.limits.maxMessageBytes);
  }

  /** Refuses user data that grows past the limit, as JSON (a fixture's larger user data may still shrink). */
  checkUserData(operation: string, userData: Record<string, unknown>, before: Record<string, unknown>): void {
    const bytes = Buffer.byteLength(JSON.stringify(userData));
    if (bytes > this.limits.maxUserDataBytes && bytes > Buffer.byteLength(JSON.stringify(before))) {
      throw gwsError('USER_DATA_TOO_LARGE', operation, bytes, this.limits.maxUserDataBytes);
    }
  }

  /** The interactions forgotten to make room since the last call: the live feed tells the dashboard they are gone. */
  takeForgotten(): { id: string; media: MediaName }[] {
    const forgotten = this.forgotten;
    this.forgotten = [];
    return forgotten;
  }

  /** At the limit, forgets the interactions every agent has completed (the oldest first); refuses if none is. */
  private makeRoom(): void {
    const limit = this.limits.maxInteractions;
    if (this.sessions.size < limit) return;
    const waiting = new Set(CHANNELS.flatMap((channel) => this.channels.waitingOn(channel)));
    for (const [id, session] of this.sessions) {
      if (this.sessions.size < limit) break;
      if (!ended(session) || waiting.has(id)) continue;
      this.sessions.delete(id);
      for (const leg of Object.values(session.legs ?? {})) this.legs.delete(leg.id);
      this.forgotten.push({ id, media: session.media });
    }
    if (this.sessions.size >= limit) throw gwsError('TOO_MANY_INTERACTIONS', limit);
  }

  /** A fresh id for a participant or session: 16 characters, as GWS's. */
  nextId(): string {
    this.lastId += 1;
    return `00SIM${String(this.lastId).padStart(11, '0')}`;
  }

  /** The referenceId of the last operation performed (0 before the first). */
  get lastReference(): number {
    return this.lastReferenceId;
  }

  nextReferenceId(): number {
    this.lastReferenceId += 1;
    return this.lastReferenceId;
  }

  /**
   * Appends to the session's log and returns the message with its `index`: its position counted
   * from 1, as GWS's samples number a history. Called before the operation changes anything else,
   * so a refusal (a text too long, a full log) changes nothing; a participant joining or leaving is
   * logged even in a full log, so that Leave and Complete work.
   */
  log(session: Session, message: LogMessage, from: Participant): LoggedMessage {
    // A participant change is the simulator's own record (a removal's Notice has a text): neither limit applies, or
    // a small --max-message-bytes would refuse a removal after its target has left.
    if (!PARTICIPANT_CHANGES.has(message.type)) {
      this.checkText(message.text);
      if (session.messages.length >= this.limits.maxMessagesPerInteraction) throw gwsError('LOG_FULL', session.id, this.limits.maxMessagesPerInteraction, familyNamed(session.media).resource);
    }
    session.messages.push(message);
    return { index: session.messages.length, message, from };
  }
}

/** Messages that record a participant joining or leaving: logged even in a full log. */
const PARTICIPANT_CHANGES = new Set<LogMessage['type']>(['ParticipantJoined', 'ParticipantLeft', 'Notice']);

/** Every agent it reached has completed it, and nobody is invited: nothing can happen in it any more. */
function ended(session: Session): boolean {
  // A call is over once released for everyone, even one that never reached an agent (its customer hung up while it waited).
  if (familyNamed(session.media).legPerAgent) return session.state === 'Completed' && session.invited.length === 0;
  const done = familyNamed(session.media).finalState;
  const states = Object.values(session.states);
  return states.length > 0 && states.every((state) => state === done) && session.invited.length === 0;
}

/**
 * A deep copy of JSON data. Not structuredClone: its arrays come from Node's main realm, and
 * faye's copy (`instanceof Array`) turns such arrays into objects when run inside a vm context.
 */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The session as it is now, for an operation's notifications. Operations replace participants,
 * messages and userData rather than change them in place, so copying the lists is enough; a deep
 * copy of the whole session per operation was a tenth of the server's time.
 */
export function snapshot(session: Session): Session {
  return {
    ...session,
    participants: [...session.participants],
    departed: [...session.departed],
    messages: [...session.messages],
    invited: [...session.invited],
    states: { ...session.states },
    ...(session.legs ? { legs: Object.fromEntries(Object.entries(session.legs).map(([userId, leg]) => [userId, { ...leg }])) } : {}),
  };
}

export function agentsOf(session: Pick<Session, 'participants'>): AgentParticipant[] {
  return session.participants.filter((p): p is AgentParticipant => p.type === 'Agent');
}

export function agentOf(session: Pick<Session, 'participants'>, userId: string): AgentParticipant | undefined {
  return agentsOf(session).find((p) => p.userId === userId);
}

export function customerOf(session: Session): Participant | undefined {
  return [...session.participants, ...session.departed].find((p) => p.type === 'Customer');
}

/** Takes a participant out of the session; its messages stay. */
export function depart(session: Session, participant: Participant): void {
  session.participants = session.participants.filter((p) => p !== participant);
  session.departed = [...session.departed, participant];
}
