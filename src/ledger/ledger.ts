import type { GwsModel } from '../gws/model';
import type { Settling } from '../settling';
import { applyModelChange, isModelChange, type Change, type ResultOf } from './change';


/**
 * Applies a change, here or on every node. `here` is true on the node that asked for it: it alone
 * answers, plays the notifications and schedules what follows; the others only keep their state.
 */
export type Apply = (change: Change, now: number, here: boolean) => unknown;

/** The one way the simulated state changes: every request, customer action, timer and reset goes through it. */
export interface Ledger {
  /** Applies the change and gives what it gave, or throws (rejects with) its refusal. */
  perform<C extends Change>(change: C): Settling<ResultOf<C>>;
  /** Whether changes are applied later (a cluster): a caller that needs an answer at once cannot have it. */
  readonly shared: boolean;
  close(): Promise<void>;
}

/** One process: a change is applied at once, synchronously, at the simulator's time. */
export class LocalLedger implements Ledger {
  readonly shared = false;

  constructor(
    private readonly apply: Apply,
    private readonly now: () => number,
  ) {}

  perform<C extends Change>(change: C): ResultOf<C> {
    return this.apply(change, this.now(), true) as ResultOf<C>;
  }

  async close(): Promise<void> {}
}

/**
 * Performs a change for an API that answers synchronously (the in-process harness: sim.offer()).
 * A node of a cluster applies changes in the cluster's order, later: it refuses, naming what to use instead.
 */
export function performAtOnce<C extends Change>(ledger: Ledger, change: C, api: string, instead: string): ResultOf<C> {
  if (ledger.shared) throw new Error(`${api} answers at once, which a node of a cluster cannot (every node applies changes in the cluster's one order): use ${instead} of any node instead`);
  return ledger.perform(change) as ResultOf<C>;
}

/** A ledger's apply for the model alone (unit tests of one module): the simulator's changes are not known to it. */
export function modelApply(model: GwsModel): Apply {
  return (change, now) => {
    if (!isModelChange(change)) throw new Error(`a model alone cannot apply a ${change.kind}`);
    return applyModelChange(model, change, now);
  };
}
