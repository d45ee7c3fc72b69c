import type { Change, ResultOf } from './change';

/** A value now (one process) or later (a cluster, once every node has it in order). */
export type Settling<T> = T | Promise<T>;

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

/** Calls `then` with a settled value at once, or once its promise settles; a refusal goes to `failed`. */
export function whenSettled<T, R>(value: () => Settling<T>, then: (value: T) => Settling<R>, failed: (error: unknown) => Settling<R>): Settling<R> {
  let settling: Settling<T>;
  try {
    settling = value();
  } catch (error) {
    return failed(error);
  }
  return settling instanceof Promise ? settling.then(then, failed) : then(settling);
}

/** A `failed` of whenSettled that lets the refusal go on to the error handler. */
export function rethrow(error: unknown): never {
  throw error;
}

/**
 * Performs a change for an API that answers synchronously (the in-process harness: sim.offer()).
 * A node of a cluster applies changes in the cluster's order, later: it refuses, naming what to use instead.
 */
export function performAtOnce<C extends Change>(ledger: Ledger, change: C, api: string, instead: string): ResultOf<C> {
  if (ledger.shared) throw new Error(`${api} answers at once, which a node of a cluster cannot (every node applies changes in the cluster's one order): use ${instead} of any node instead`);
  return ledger.perform(change) as ResultOf<C>;
}
