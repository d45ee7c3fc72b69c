import { gwsError } from '../errors';
import type { AgentParticipant, Fixture, FixtureSession, LogMessage, Participant, User } from './fixture';
import type { OperationName } from './types';

export type { LogMessage } from './fixture';

/** A facebooksession as the simulator keeps it: the fixture's shape plus who has left. */
export interface Session extends FixtureSession {
  /** Agents removed from the session; their messages stay in the log. */
  departed: Participant[];
}

/** Who is told about an operation: the agent who performed it, the agent it targets, the rest. */
export type Role = 'caller' | 'target' | 'others';
export const ROLES: readonly Role[] = ['caller', 'target', 'others'];

export interface LoggedMessage {
  index: number;
  message: LogMessage;
  from: Participant;
}

/** What an operation changed, and which agents must be told: the plan the scenario engine plays. */
export interface OperationOutcome {
  operation: OperationName;
  referenceId: number;
  /** The session after the operation (a copy: later operations do not change it). */
  session: Session;
  caller: AgentParticipant;
  target: AgentParticipant;
  /** The messages the operation appended to the session's log, by name. */
  messages: Record<string, LoggedMessage>;
  recipients: { role: Role; userId: string }[];
}

/** The simulated GWS state: users and facebooksessions, reset to the fixture on demand. */
export class GwsModel {
  private sessions = new Map<string, Session>();
  private lastReferenceId = 0;
  // Looked up on every request and handshake: maps, not a scan of thousands of users.
  private readonly byId: ReadonlyMap<string, User>;
  private readonly byName: ReadonlyMap<string, User>;

  constructor(readonly fixture: Fixture) {
    this.byId = new Map(fixture.users.map((u) => [u.id, u]));
    this.byName = new Map(fixture.users.map((u) => [u.userName, u]));
    this.reset();
  }

  reset(): void {
    this.sessions = new Map(
      this.fixture.facebooksessions.map((s) => [s.id, { ...copyJson(s), departed: [] }] as const),
    );
    this.lastReferenceId = 0;
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

  /** The sessions in which the user is a current participant. */
  sessionsOf(userId: string): Session[] {
    return [...this.sessions.values()].filter((s) => agentOf(s, userId));
  }

  allSessions(): Session[] {
    return [...this.sessions.values()];
  }

  /** The session as `user` may see it: GWS answers 6 for unknown sessions and for outsiders alike. */
  sessionFor(user: User, sessionId: string): { session: Session; participant: AgentParticipant } {
    const session = this.sessions.get(sessionId);
    if (!session) throw gwsError('SESSION_NOT_FOUND', sessionId);
    const participant = agentOf(session, user.id);
    if (!participant) throw gwsError('NOT_A_PARTICIPANT', sessionId, user.userName);
    return { session, participant };
  }

  /** The referenceId of the last operation performed (0 before the first). */
  get lastReference(): number {
    return this.lastReferenceId;
  }

  nextReferenceId(): number {
    this.lastReferenceId += 1;
    return this.lastReferenceId;
  }

  /** Appends to the session's log and returns the message with its position. */
  log(session: Session, message: LogMessage, from: Participant): LoggedMessage {
    session.messages.push(message);
    return { index: session.messages.length - 1, message, from };
  }
}

/**
 * A deep copy of JSON data. Not structuredClone: its arrays come from Node's main realm, and
 * faye's copy (`instanceof Array`) turns such arrays into objects when run inside a vm context.
 */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The session as it is now, for an operation's notifications. Operations replace participants
 * and append messages but never change one in place (nor userData), so copying the lists is
 * enough; a deep copy of the whole session per operation was a tenth of the server's time.
 */
export function snapshot(session: Session): Session {
  return { ...session, participants: [...session.participants], departed: [...session.departed], messages: [...session.messages] };
}

export function agentsOf(session: Session): AgentParticipant[] {
  return session.participants.filter((p): p is AgentParticipant => p.type === 'Agent');
}

export function agentOf(session: Session, userId: string): AgentParticipant | undefined {
  return agentsOf(session).find((p) => p.userId === userId);
}
