import type { Settling } from '../settling';
import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../errors';
import { restOperationNames } from '../gws/operations/registry';

/**
 * Faults the simulator injects on purpose, per agent. Notification faults count the agent's
 * notifications from the moment the fault is armed (1 is the first one after it); session
 * faults act at once, or after the agent's `after`-th notification; a REST fault answers the
 * agent's `nth` call of an operation with an error instead of performing it; an async-error fault
 * answers it statusCode 0 and then tells the agent it failed, as GWS reports asynchronous errors.
 */
const NOTIFICATION_FAULTS = ['drop', 'duplicate', 'reorder', 'delay'] as const;
const SESSION_FAULTS = ['session-drop', 'cut'] as const;
export const FAULT_KINDS = [...NOTIFICATION_FAULTS, ...SESSION_FAULTS, 'rest', 'async-error'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A delay longer than an hour is a mistake, as for scenario steps. */
export const MAX_FAULT_DELAY_MS = 3_600_000;

const Agent = z.string().min(1).describe("a user name of the fixture, or '*' for every agent");
/**
 * The largest notification (or call) number a fault may name: more than any run sends, and far
 * below 2^53, where counting up to a number (n++) stops moving.
 */
export const MAX_FAULT_COUNT = 1_000_000_000;
// Bounds before int(): its own bound (2^53) would be reported first, and one message per path is shown.
const Count = z.number().min(1, 'a number from 1').max(MAX_FAULT_COUNT, `at most ${MAX_FAULT_COUNT}`).int();
/** GWS's statusCodes are small numbers (0 to 20 documented): a larger one is a typing mistake. */
export const MAX_FAULT_STATUS_CODE = 999;
/** At most this many numbers in one NTH list: more is a mistake (use '*'), and a bounded list stays cheap. */
export const MAX_NTH = 10_000;
/** Which of the agent's notifications (or calls): the n-th, some of them, or every one. */
const Nth = z
  .union([z.literal('*'), Count, z.array(Count).min(1)])
  .refine((nth) => !Array.isArray(nth) || nth.length <= MAX_NTH, `at most ${MAX_NTH} numbers; use '*' for more`);
const Ms = z.number().min(0).max(MAX_FAULT_DELAY_MS, `at most ${MAX_FAULT_DELAY_MS} ms (an hour)`).int();
const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

const FaultUnion = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('drop'), agent: Agent, nth: Nth }),
  z.strictObject({ kind: z.literal('duplicate'), agent: Agent, nth: Nth }),
  z.strictObject({ kind: z.literal('reorder'), agent: Agent, nth: Nth }),
  z.strictObject({
    kind: z.literal('delay'),
    agent: Agent,
    nth: Nth,
    ms: z.union([Ms, z.tuple([Ms, Ms])]).describe('a fixed delay, or [min, max] for a seeded random one'),
  }),
  z.strictObject({ kind: z.literal('session-drop'), agent: Agent, after: Count.optional() }),
  z.strictObject({ kind: z.literal('cut'), agent: Agent, after: Count.optional() }),
  z.strictObject({
    kind: z.literal('rest'),
    agent: Agent,
    operation: z.union([z.enum(restOperationNames() as [string, ...string[]]), z.literal('*')]),
    nth: Nth.optional().describe('default 1: the next call'),
    error: z.enum(ERROR_CODES).optional().describe("a code of gws-sim's error catalogue"),
    statusCode: z.number().min(1, 'a GWS statusCode from 1').max(MAX_FAULT_STATUS_CODE, `at most ${MAX_FAULT_STATUS_CODE}`).int().optional(),
    httpStatus: z.number().min(400, 'an HTTP error status from 400 to 599').max(599, 'an HTTP error status from 400 to 599').int().optional(),
    statusMessage: z.string().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal('async-error'),
    agent: Agent,
    operation: z.union([z.enum(restOperationNames() as [string, ...string[]]), z.literal('*')]),
    nth: Nth.optional().describe('default 1: the next call'),
    errorMessage: z.string().min(1).max(1000).optional().describe("the Error notification's errorMessage"),
  }),
]);

export const FaultSchema = FaultUnion.superRefine((fault, ctx) => {
  if (fault.kind === 'delay' && Array.isArray(fault.ms) && fault.ms[0] > fault.ms[1]) {
    ctx.addIssue({ code: 'custom', path: ['ms'], message: `[min, max] with min <= max, got [${fault.ms.join(', ')}]` });
  }
  if (fault.kind === 'rest' && (fault.error === undefined) === (fault.statusCode === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['statusCode'],
      message: 'give either "error" (a catalogue code such as INTERNAL) or "statusCode" (with "httpStatus" if you like), not both or neither',
    });
  }
});

/** A fault as declared: `{"kind": "drop", "agent": "agent2", "nth": 2}`. */
export type Fault = z.infer<typeof FaultSchema>;
export type Nth = z.infer<typeof Nth>;

/** One injected fault as it happened: GET /sim/state lists these, so a test can tell a fault from a bug. */
export interface FiredFault {
  /** Epoch ms on the simulator's clock. */
  at: number;
  faultId: number;
  /** The fault in the --fault SPEC form. */
  spec: string;
  kind: FaultKind;
  agent: string;
  what: string;
}

export interface ArmedFaultState {
  id: number;
  spec: string;
  fault: Fault;
  /** `start`: --fault or createSimulator({faults}), armed again by each reset; `api`: POST /sim/faults, sim.fault(), a script step. */
  source: 'start' | 'api';
  armedAt: number;
  /** How many times it fired. */
  fired: number;
  /** False once it cannot fire again (its last n-th has passed). */
  active: boolean;
}

export interface FaultsState {
  armed: ArmedFaultState[];
  /** The most recent last (at most FIRED_KEPT). */
  fired: FiredFault[];
  /** Notifications held back by a delay or a reorder, not yet handed to Bayeux. */
  delayed: number;
  /** Those notifications, per agent in order: `readyAt` is when the fault lets it go (a reordered one: after the next). */
  delayedNotifications: { agent: string; kind: string; dueAt: number; readyAt: number }[];
  /** Agents whose session a fault dropped (until they subscribe again) or cut (until they connect again). */
  recovering: string[];
}

/** A REST fault's answer, in place of the operation. */
export interface RestFaultAnswer {
  httpStatus: number;
  body: { statusCode: number; statusMessage: string };
}

/** An async-error fault's answer: statusCode 0 and a referenceId, then an Error notification with this errorMessage. */
export interface AsyncErrorAnswer {
  asyncError: string;
}

/** The answer for this agent's operation call, or undefined: perform it (FaultInjector.restFault). */
export type RestFaultLookup = (userId: string, operation: string) => RestFaultAnswer | AsyncErrorAnswer | undefined;

/** What the /sim/faults endpoints and the REST fault middleware use. */
export interface FaultControls {
  /** Arms the faults of a request body; throws FaultSpecError (nothing armed) when one is bad. */
  arm(body: unknown): Settling<ArmedFaultState[]>;
  /** The answer of an armed REST fault for this agent's call of an operation, or undefined: perform it. */
  restFault: RestFaultLookup;
  /** Whether some REST fault is armed (the REST fault middleware does nothing otherwise). */
  restFaultsArmed(): boolean;
  clear(): Settling<unknown>;
  state(): FaultsState;
}
