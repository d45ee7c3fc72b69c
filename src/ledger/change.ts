import type { ClientChange } from '../bayeux/clients';
import { GwsError } from '../errors';
import type { Fault } from '../faults/types';
import type { MediaName } from '../gws/families';
import type { GwsModel } from '../gws/model';
import type { Scheduled } from '../gws/operations/operation';
import { performAgentState, performCreating, performCustomer, performOnDevice, performOperation, type AgentStateOutcome, type OperationOutcome, type Outcome } from '../gws/operations/registry';

/**
 * A change of the simulated state, as data: what a request, a customer, a timer or a test asks
 * for. One process applies it at once; a cluster's nodes apply each in one order (src/ledger), so
 * that every node's model is the same. Applying one depends on nothing but the model and `now`.
 */
export type Change =
  /** An agent's operation on a session or call (its REST path's id). */
  | { kind: 'operation'; user: string; session: string; body: unknown; media: MediaName }
  /** An agent's operation that creates a call from its device (Dial). */
  | { kind: 'create'; user: string; device: string; body: unknown; media: MediaName }
  /** What the customer does; no session for an arrival. */
  | { kind: 'customer'; name: string; session?: string; body: unknown; media: MediaName }
  /** An operation on the agent itself (no channel) or on one of its channels. */
  | { kind: 'agentState'; user: string; channel?: string; body: unknown }
  /** An operation on the agent's device (DoNotDisturbOn...). */
  | { kind: 'device'; user: string; device: string; body: unknown }
  /** What an operation made happen later, at its time (src/scheduled.ts). */
  | { kind: 'scheduled'; action: Scheduled }
  /** A referenceId for an operation answered now and failed later (an async-error fault). */
  | { kind: 'reference' }
  /** Back to the fixture. */
  | { kind: 'reset' }
  /** Faults armed (already checked), or all cleared. */
  | { kind: 'faults'; faults: readonly Fault[] }
  | { kind: 'clearFaults' }
  /** A CometD client came, subscribed or went on another node of a cluster (made there already). */
  | { kind: 'client'; change: ClientChange };

/** What applying a change gives. */
export type ResultOf<C extends Change> = C extends { kind: 'operation' | 'create' | 'customer' }
  ? OperationOutcome
  : C extends { kind: 'agentState' | 'device' }
    ? AgentStateOutcome
    : C extends { kind: 'scheduled' }
      ? Outcome | undefined
      : C extends { kind: 'reference' }
        ? number
        : unknown;

/** The changes of the model alone; the others are the simulator's (reset, faults). */
export type ModelChange = Exclude<Change, { kind: 'reset' | 'faults' | 'clearFaults' | 'client' }>;

const SIMULATOR_CHANGES = new Set<Change['kind']>(['reset', 'faults', 'clearFaults', 'client']);

export function isModelChange(change: Change): change is ModelChange {
  return !SIMULATOR_CHANGES.has(change.kind);
}

/**
 * Applies a change of the model at `now`, or throws its refusal (a GwsError) having changed
 * nothing; a scheduled action whose situation changed meanwhile gives undefined.
 */
export function applyModelChange(model: GwsModel, change: ModelChange, now: number): Outcome | number | undefined {
  const userOf = (id: string) => {
    const user = model.userById(id);
    if (!user) throw new Error(`no user ${id} in the fixture`);
    return user;
  };
  switch (change.kind) {
    case 'operation':
      return performOperation(model, userOf(change.user), change.session, change.body, change.media, now);
    case 'create':
      return performCreating(model, userOf(change.user), change.device, change.body, change.media, now);
    case 'customer':
      return performCustomer(model, change.name, change.session, change.body, change.media, now);
    case 'agentState':
      return performAgentState(model, userOf(change.user), change.channel, change.body, now);
    case 'device':
      return performOnDevice(model, userOf(change.user), change.device, change.body, now);
    case 'reference':
      return model.nextReferenceId();
    case 'scheduled':
      return applyScheduled(model, change.action, now);
  }
}

/**
 * Performs a scheduled action at `now`: undefined when its situation changed meanwhile (the call
 * or the agent moved on). Anything else is a bug, thrown for the timer to log.
 */
export function applyScheduled(model: GwsModel, action: Scheduled, now: number): Outcome | undefined {
  try {
    if ('customer' in action) return performCustomer(model, action.customer, action.session, action.params, action.media, now);
    const user = model.userById(action.as);
    if (!user || model.channels.stampOf(user.id, action.channel) !== action.whileStamp) return undefined;
    return performAgentState(model, user, action.channel, action.params, now);
  } catch (error) {
    if (error instanceof GwsError) return undefined;
    throw error;
  }
}
