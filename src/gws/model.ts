import { gwsError } from '../errors';
import { AgentChannels } from './channels';
import { DEFAULT_LIMITS, type ModelLimits } from './limits';
import type { AgentParticipant, Fixture, FixtureChat, FixtureSession, LogMessage, Participant, User } from './fixture';
import { CHANNELS, mediaNamed, type MediaName } from './media';

export type { LogMessage } from './fixture';

/**
 * The session as one agent's desktop sees it. GWS gives each agent its own state: a removed
 * agent sees LeftChat then Completed while the others go on Chatting. `Invited` (offered, not yet
 * accepted) is the simulator's name: no public GWS page names the state before Accept.
 */
export type AgentState = 'Invited' | 'Chatting' | 'LeftChat' | 'Completed';

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
export interface Session extends FixtureSession {
  media: MediaName;
  /** Participants who left or were removed; their messages stay in the log. */
  departed: Participant[];
  invited: Invitation[];
  /** userId -> that agent's state, for every agent the session has reached. */
  states: Record<string, AgentState>;
  comment?: string;
}

export interface LoggedMessage {
  index: number;
  message: LogMessage;
  from: Participant;
}

/** Where a user stands in a session: its state, and its participant or invitation. */
export interface Standing {
  session: Session;
  state: AgentState;
  participant?: AgentParticipant;
  invitation?: Invitation;
}

/** The simulated GWS state: users and sessions, reset to the fixture on demand. */
export class GwsModel {
  private sessions = new Map<string, Session>();
  /** Each agent's channels (StartContactCenterSession, Ready, NotReady) and the sessions waiting for a Ready agent. */
  readonly channels: AgentChannels;
  private lastReferenceId = 0;
  private forgotten: { id: string; media: MediaName }[] = [];
  private lastId = 0;
  // Looked up on every request and handshake: maps, not a scan of thousands of users.
  private readonly byId: ReadonlyMap<string, User>;
  private readonly byName: ReadonlyMap<string, User>;

  constructor(
    readonly fixture: Fixture,
    readonly limits: ModelLimits = DEFAULT_LIMITS,
  ) {
    this.byId = new Map(fixture.users.map((u) => [u.id, u]));
    this.byName = new Map(fixture.users.map((u) => [u.userName, u]));
    this.channels = new AgentChannels(fixture.users.map((u) => u.id));
    this.reset();
  }

  reset(): void {
    const stored = (s: FixtureSession, media: MediaName): [string, Session] => {
      const states = Object.fromEntries(agentsOf(s).map((p) => [p.userId, s.state]));
      return [s.id, { ...copyJson(s), media, departed: [], invited: [], states }];
    };
    this.sessions = new Map([
      ...this.fixture.facebooksessions.map((s) => stored(s, 'facebook')),
      ...(this.fixture.chats ?? []).map((s) => stored(asSession(s), 'chat')),
    ]);
    this.forgotten = [];
    this.channels.reset();
    this.lastReferenceId = 0;
    this.lastId = 0;
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

  /** The sessions of the medium on the user's desktop: invited, chatting or left but not completed. */
  sessionsOf(userId: string, media: MediaName = 'facebook'): Session[] {
    return this.allSessions(media).filter((s) => s.states[userId] !== undefined && s.states[userId] !== 'Completed');
  }

  /** The sessions of one medium (Facebook sessions unless told). */
  allSessions(media: MediaName = 'facebook'): Session[] {
    return [...this.sessions.values()].filter((s) => s.media === media);
  }

  /** The session, of `media` when given: GWS answers 6 for an id of another medium's collection. */
  session(sessionId: string, media?: MediaName): Session {
    const session = this.sessions.get(sessionId);
    if (!session || (media !== undefined && session.media !== media)) throw gwsError('SESSION_NOT_FOUND', sessionId, mediaNamed(media ?? session?.media ?? 'facebook').resource);
    return session;
  }

  /** The session as `user` may see it: GWS answers 6 for unknown sessions and for outsiders alike. */
  sessionFor(user: User, sessionId: string, media?: MediaName): Standing {
    const session = this.session(sessionId, media);
    const state = session.states[user.id];
    if (state === undefined || state === 'Completed') throw gwsError('NOT_A_PARTICIPANT', sessionId, user.userName, mediaNamed(session.media).resource);
    return { session, state, participant: agentOf(session, user.id), invitation: session.invited.find((i) => i.userId === user.id) };
  }

  /** Adds a session (an arrival); its id and participant ids are generated, the same after each reset. */
  addSession(build: (ids: () => string) => Omit<Session, 'id'>): Session {
    this.makeRoom();
    const session = { ...build(() => this.nextId()), id: `gws-sim-${this.nextId()}` } as Session;
    this.sessions.set(session.id, session);
    return session;
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
      if (session.messages.length >= this.limits.maxMessagesPerInteraction) throw gwsError('LOG_FULL', session.id, this.limits.maxMessagesPerInteraction, mediaNamed(session.media).resource);
    }
    session.messages.push(message);
    return { index: session.messages.length, message, from };
  }
}

/** Messages that record a participant joining or leaving: logged even in a full log. */
const PARTICIPANT_CHANGES = new Set<LogMessage['type']>(['ParticipantJoined', 'ParticipantLeft', 'Notice']);

/** Every agent it reached has completed it, and nobody is invited: nothing can happen in it any more. */
function ended(session: Session): boolean {
  const states = Object.values(session.states);
  return states.length > 0 && states.every((state) => state === 'Completed') && session.invited.length === 0;
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
  };
}

/**
 * A chat of the fixture as the model keeps every session: the Facebook session's own fields are
 * left empty (the chat resource does not show them, see media.ts).
 */
function asSession(chat: FixtureChat): FixtureSession {
  return { ...chat, facebooksessionType: '', suggestedQueueIds: [], capabilities: [], revelantResponseTemplateGroups: [] };
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
