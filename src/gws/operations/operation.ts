import type { z } from 'zod';
import type { AgentParticipant, Participant, User } from '../fixture';
import type { MediaName } from '../media';
import type { AgentState, GwsModel, LoggedMessage, Session, Standing } from '../model';

/** What an operation did, before the registry stamps it: who must be told what, in which role. */
export interface Draft {
  /** The participants the stream file's templates may name (`{{caller.nickname}}`). */
  participants: Record<string, Participant>;
  /** The messages it appended to the session's log, by name (`{{messages.text}}`). */
  messages?: Record<string, LoggedMessage>;
  recipients: { role: string; userId: string }[];
  /** Fields the REST answer carries besides statusCode (Consult's referenceId, an offer's id). */
  answer?: Record<string, unknown>;
}

/** One call of an operation, for the dry run of its stream file and for `gws-sim run` of it. */
export interface SampleCall {
  operation: string;
  /** The agent (userId) who performs it; none for a customer's action. */
  as?: string;
  /** The session; absent: the one the last offer of the sample created. */
  session?: string;
  params: Record<string, unknown>;
}

interface Common<P> {
  media: MediaName;
  name: string;
  /** One line for the README, --help and error messages. */
  summary: string;
  /** The parameters besides operationName, checked before perform(). */
  params: z.ZodType<P>;
  /** A body that works, for hints in refusals. */
  example: Record<string, unknown>;
  /** The roles its stream file gives a stream to. */
  roles: readonly string[];
  /** The participants its outcome names, which templates may use. */
  participants: readonly string[];
  /**
   * Calls after which this operation can succeed on a model of `fixture` (the last call is this
   * operation), or undefined where it cannot.
   */
  sample(model: GwsModel): SampleCall[] | undefined;
}

/** What an agent's operation is given: the caller, where it stands in the session, and its checked parameters. */
export interface AgentCall<P> {
  model: GwsModel;
  caller: User;
  session: Session;
  standing: Standing;
  /** The caller's participant; present in every state but Invited, and after a customer left. */
  self: AgentParticipant | undefined;
  params: P;
  now: number;
}

/** A GWS operation, performed by an agent over POST /api/v2/me/<collection>/{id}. */
export interface AgentOperation<P = any> extends Common<P> {
  actor: 'agent';
  /** The caller's states it may be performed in; in others it is refused with statusCode 2. */
  states: readonly AgentState[];
  /** Whether it is listed in the caller's capabilities in such a state (default: yes). */
  offered?(standing: Standing): boolean;
  perform(call: AgentCall<P>): Draft;
}

/** What the customer's side is given: the session (none for an arrival) and the checked parameters. */
export interface CustomerCall<P> {
  model: GwsModel;
  session: Session | undefined;
  params: P;
  now: number;
}

/** What the customer does, outside the GWS API: POST /sim/<collection>..., scripts and the harness. */
export interface CustomerOperation<P = any> extends Common<P> {
  actor: 'customer';
  /** Creates the session: no session id is given. */
  creates?: boolean;
  /** Its path under /sim/<collection>/{id}/ ('' for an arrival: POST /sim/<collection>). */
  route: string;
  perform(call: CustomerCall<P>): Draft;
}

export type Operation = AgentOperation | CustomerOperation;

export const defineAgentOperation = <P>(operation: Omit<AgentOperation<P>, 'actor'>): AgentOperation<P> => ({ actor: 'agent', ...operation });
export const defineCustomerOperation = <P>(operation: Omit<CustomerOperation<P>, 'actor'>): CustomerOperation<P> => ({ actor: 'customer', ...operation });
