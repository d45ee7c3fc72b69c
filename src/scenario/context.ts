import type { OperationOutcome } from '../gws/model';
import { gwsTimestamp } from '../gws/timestamp';
import { messageWire, participantWire, sessionPath, sessionWire } from '../gws/wire';

/** The names a template may start a placeholder with. */
export const CONTEXT_ROOTS = [
  'operation',
  'referenceId',
  'session',
  'sessionPath',
  'caller',
  'target',
  'messages',
  'now',
  'vars',
] as const;

/**
 * What templates see for one operation: the session after it, the participants involved, the
 * messages it logged and the time of emission. Everything but the time is built once.
 */
export type OperationContext = (emittedAt: number) => Record<string, unknown>;

export function contextFor(outcome: OperationOutcome, baseUrl: string): OperationContext {
  const fixed = {
    operation: outcome.operation,
    referenceId: outcome.referenceId,
    session: sessionWire(outcome.session, baseUrl),
    sessionPath: sessionPath(outcome.session.id),
    caller: participantWire(outcome.caller, baseUrl),
    target: participantWire(outcome.target, baseUrl),
  };
  return (emittedAt) => ({
    ...fixed,
    messages: Object.fromEntries(
      Object.entries(outcome.messages).map(([name, m]) => [name, messageWire(m.message, m.index, m.from, baseUrl, emittedAt)]),
    ),
    now: { timestamp: gwsTimestamp(emittedAt), timestampSeconds: emittedAt },
  });
}
