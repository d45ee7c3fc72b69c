import { boundedIntegers, type Bound, type Naming } from '../bounds';

/**
 * What the model keeps at most, so that no client can grow the simulator without bound (GWS has
 * limits of its own, undocumented: these are modelled). Every one is a createSimulator option and
 * a `serve` flag; README "Security and limits".
 */
export interface ModelLimits {
  /** Interactions (sessions, chats) kept at once; an interaction every agent has completed is forgotten when room is needed. */
  maxInteractions: number;
  /** Messages in one interaction's log; a participant joining or leaving is logged past it (Leave and Complete always work). */
  maxMessagesPerInteraction: number;
  /** UTF-8 bytes of one message's text. */
  maxMessageBytes: number;
  /** Bytes of one interaction's user data, as JSON. */
  maxUserDataBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ModelLimits> = Object.freeze({
  maxInteractions: 10_000,
  maxMessagesPerInteraction: 1000,
  maxMessageBytes: 16 * 1024,
  maxUserDataBytes: 64 * 1024,
});

/** Each limit's bounds, and its `serve` flag. */
export const LIMIT_BOUNDS: Record<keyof ModelLimits, Bound> = {
  maxInteractions: { min: 1, max: 1_000_000, flag: '--max-interactions' },
  maxMessagesPerInteraction: { min: 10, max: 100_000, flag: '--max-messages-per-interaction' },
  // A REST body is at most 100 kB: a larger limit would never be reached.
  maxMessageBytes: { min: 1, max: 100 * 1024, flag: '--max-message-bytes' },
  maxUserDataBytes: { min: 2, max: 16 * 1024 * 1024, flag: '--max-user-data-bytes' },
};

/**
 * The limits given (others at their defaults), checked; throws a RangeError naming the first one
 * out of bounds as `naming` calls it (the option's name, or the CLI's flag).
 */
export function modelLimitsOf(given: Partial<Record<keyof ModelLimits, unknown>> = {}, naming: Naming<keyof ModelLimits> = {}): ModelLimits {
  return Object.freeze(boundedIntegers(LIMIT_BOUNDS, DEFAULT_LIMITS, given, naming));
}

/** The limits among createSimulator's options (or flags mapped onto them). */
export function pickLimits(options: Partial<Record<keyof ModelLimits, unknown>>): Partial<Record<keyof ModelLimits, unknown>> {
  return Object.fromEntries((Object.keys(LIMIT_BOUNDS) as (keyof ModelLimits)[]).map((name) => [name, options[name]]));
}
