import type { z } from 'zod';
import type { ChannelState } from '../channels';
import type { AgentParticipant, Participant, User } from '../fixture';
import type { MediaName } from '../families';
import type { AgentState, GwsModel, LoggedMessage, Session, Standing } from '../model';
import type { Routed } from './routing';

/**
 * An agent told of an operation, in a role of its stream file; on `topic` where it is not the
 * operation's (an operation on the agent tells its devices on /v2/me/devices).
 */
export interface Told {
  role: string;
  userId: string;
  topic?: string;
}

/** What an operation did, before the registry stamps it: who must be told what, in which role. */
export interface Draft {
  /** The participants the stream file's templates may name (`{{caller.nickname}}`). */
  participants: Record<string, Participant>;
  /** The messages it appended to the session's log, by name (`{{messages.text}}`). */
  messages?: Record<string, LoggedMessage>;
  recipients: Told[];
  /** Fields the REST answer carries besides statusCode (Consult's referenceId, an offer's id). */
  answer?: Record<string, unknown>;
  /** Sessions routing offered to agents as a consequence (a rejected chat goes to another agent). */
  routed?: Routed[];
  /** The interaction it created (Dial's call; an arrival names its own in `answer.id`). */
  session?: Session;
  /** What happens later because of it, on the simulator's clock (after-call work ends, the customer answers). */
  scheduled?: Scheduled[];
  /** The interaction `recipients` are told of, when not the one its path names (CompleteTransfer posted to the consultation call tells of the original). */
  on?: Session;
  /**
   * Its notifications on other interactions than the one its path names, in order (a transfer's
   * consultation call): each recipient sees that interaction, told `before` or after the main ones.
   */
  also?: Elsewhere[];
}

/** What an operation tells on another interaction (the consultation call of a transfer). */
export interface Elsewhere {
  session: Session;
  recipients: Told[];
  /** Told before the notifications on the interaction the path names (CompleteConference: the consultation is released first). */
  before?: boolean;
}

/**
 * Something an operation makes happen later, as data (so that any process can perform it): an
 * agent's state the simulator sets on a channel, if the agent's state there is still the one set then (`whileStamp`)
 * (after-call work ends); or what the customer does in an interaction (answers an outbound call).
 */
export type Scheduled =
  | { afterMs: number; as: string; channel: string; params: Record<string, unknown>; whileStamp: number }
  | { afterMs: number; customer: string; media: MediaName; session: string; params: Record<string, unknown> };

/** One call of an operation, for the dry run of its stream file and for `gws-sim run` of it. */
export interface SampleCall {
  operation: string;
  /** The agent (userId) who performs it; none for a customer's action. */
  as?: string;
  /** The session; absent: the one the last offer of the sample created. */
  session?: string;
  /** The channel of a channel operation (Ready, NotReady). */
  channel?: string;
  /** Its parameters; a function of the model when they name what earlier calls made (SwapCalls' other call). */
  params: Record<string, unknown> | ((model: GwsModel) => Record<string, unknown>);
}

interface Common<P> {
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

/** An operation on a session of one medium (an agent's) or on what the customer does in it. */
interface OfMedium<P> extends Common<P> {
  media: MediaName;
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
export interface AgentOperation<P = any> extends OfMedium<P> {
  actor: 'agent';
  creates?: undefined;
  /** The caller's states it may be performed in; in others it is refused with statusCode 2. */
  states: readonly AgentState[];
  /** Whether it is listed in the caller's capabilities in such a state (default: yes). */
  offered?(standing: Standing): boolean;
  perform(call: AgentCall<P>): Draft;
}

/** What an operation that creates an interaction from the agent's device is given (Dial). */
export interface CreateCall<P> {
  model: GwsModel;
  caller: User;
  params: P;
  now: number;
}

/**
 * An agent's operation that creates an interaction, posted to its device: Dial (POST
 * /api/v2/me/devices/{id}/calls). Never among an interaction's capabilities.
 */
export interface CreatingOperation<P = any> extends OfMedium<P> {
  actor: 'agent';
  creates: true;
  states: readonly [];
  offered?: undefined;
  /** Its draft names the interaction it made in `answer.id`. */
  perform(call: CreateCall<P>): Draft;
}

/** What the customer's side is given: the session (none for an arrival) and the checked parameters. */
export interface CustomerCall<P> {
  model: GwsModel;
  media: MediaName;
  session: Session | undefined;
  params: P;
  now: number;
}

/** What the customer does, outside the GWS API: POST /sim/<collection>..., scripts and the harness. */
export interface CustomerOperation<P = any> extends OfMedium<P> {
  actor: 'customer';
  /** Creates the session: no session id is given. */
  creates?: boolean;
  /** Its path under /sim/<collection>/{id}/ ('' for an arrival: POST /sim/<collection>). */
  route: string;
  perform(call: CustomerCall<P>): Draft;
}

/** What an operation on the agent itself is given: the caller, the channel of the path (if any), the checked parameters. */
export interface AgentStateCall<P> {
  model: GwsModel;
  caller: User;
  channel: string | undefined;
  params: P;
  now: number;
}

/** What an operation on the agent itself did: who is told, the channels the notification shows, the answer. */
export interface AgentStateDraft {
  recipients: Told[];
  /** The agent's channels as its notification shows them. */
  channels: ChannelState[];
  /** Fields of the REST answer; a statusCode here replaces 0 (StartContactCenterSession's 7). */
  answer?: Record<string, unknown>;
  routed?: Routed[];
  /** It ends the agent's HTTP session: its JSESSIONID is refused afterwards (EndContactCenterSession). */
  endsHttpSession?: boolean;
}

/**
 * An operation on the agent itself, of no medium: POST /api/v2/me (`target` 'me':
 * StartContactCenterSession...) or /api/v2/me/channels/{channel} ('channel': Ready, NotReady).
 * Its notifications go out on /v2/me/channels.
 */
export interface AgentStateOperation<P = any> extends Common<P> {
  actor: 'agent-state';
  media?: undefined;
  target: 'me' | 'channel' | 'device';
  /** A channel operation also posted to /api/v2/me, where it acts on every channel the agent is logged in on (Ready, NotReady). */
  everyChannel?: boolean;
  perform(call: AgentStateCall<P>): AgentStateDraft;
}

export type Operation = AgentOperation | CreatingOperation | CustomerOperation | AgentStateOperation;

/**
 * An agent's or the customer's operation defined once for every medium: registry.ts registers it
 * on each (`onMedium`), where its sample is given the medium and `paramsOn` may refine its parameters.
 */
export type Shared<O extends AgentOperation | CustomerOperation> = Omit<O, 'actor' | 'media' | 'sample'> & {
  actor: O['actor'];
  /** The parameters on `media` where they differ from `params` (an offer needs offerTo where nothing routes). */
  paramsOn?(media: MediaName): O['params'];
  sample(model: GwsModel, media: MediaName): SampleCall[] | undefined;
};

export const shareAgentOperation = <P>(operation: Omit<Shared<AgentOperation<P>>, 'actor'>): Shared<AgentOperation<P>> => ({ actor: 'agent', ...operation });
export const shareCustomerOperation = <P>(operation: Omit<Shared<CustomerOperation<P>>, 'actor'>): Shared<CustomerOperation<P>> => ({ actor: 'customer', ...operation });

/** A shared operation's value on one medium. */
export function onMedium<O extends AgentOperation | CustomerOperation>(shared: Shared<O>, media: MediaName): O {
  const { paramsOn, sample, ...operation } = shared;
  return { ...operation, media, params: paramsOn?.(media) ?? shared.params, sample: (model: GwsModel) => sample(model, media) } as unknown as O;
}

export const defineAgentOperation = <P>(operation: Omit<AgentOperation<P>, 'actor'>): AgentOperation<P> => ({ actor: 'agent', ...operation });
export const defineCreatingOperation = <P>(operation: Omit<CreatingOperation<P>, 'actor' | 'creates' | 'states'>): CreatingOperation<P> => ({ actor: 'agent', creates: true, states: [], ...operation });
export const defineCustomerOperation = <P>(operation: Omit<CustomerOperation<P>, 'actor'>): CustomerOperation<P> => ({ actor: 'customer', ...operation });
export const defineAgentStateOperation = <P>(operation: Omit<AgentStateOperation<P>, 'actor'>): AgentStateOperation<P> => ({ actor: 'agent-state', ...operation });
