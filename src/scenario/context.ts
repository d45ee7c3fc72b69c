import type { Participant } from '../gws/fixture';
import type { OperationOutcome, Recipient } from '../gws/operations/registry';
import { gwsTimestamp } from '../gws/timestamp';
import { messageWire, participantWire, sessionPath, sessionWire } from '../gws/wire';

/**
 * The names a template may start a placeholder with, besides the participants its operation
 * names (`caller`, `target`, `customer`...).
 */
export const CONTEXT_ROOTS = [
  'operation',
  'referenceId',
  'session',
  'sessionPath',
  'state',
  'capabilities',
  'messages',
  'logged',
  'log',
  'now',
  'vars',
] as const;

/** What a recipient that the sample of an operation does not reach sees in a dry run. */
const NOBODY: Pick<Recipient, 'state' | 'capabilities'> = { state: 'Chatting', capabilities: [] };

/**
 * What templates see for one operation and one recipient: the session after it, the recipient's
 * state and capabilities, the participants involved, the messages it logged and the time of
 * emission. Everything but the time is built once.
 */
export type OperationContext = (emittedAt: number) => Record<string, unknown>;

export function contextFor(outcome: OperationOutcome, baseUrl: string, recipient: Pick<Recipient, 'state' | 'capabilities'> = NOBODY): OperationContext {
  const everyone = new Map<string, Participant>([...outcome.session.participants, ...outcome.session.departed].map((p) => [p.participantId, p]));
  const fixed = {
    ...Object.fromEntries(Object.entries(outcome.participants).map(([name, p]) => [name, participantWire(p, baseUrl)])),
    operation: outcome.operation,
    referenceId: outcome.referenceId,
    session: sessionWire(outcome.session, baseUrl),
    sessionPath: sessionPath(outcome.session.id),
    state: recipient.state,
    capabilities: recipient.capabilities,
  };
  return (emittedAt) => ({
    ...fixed,
    messages: Object.fromEntries(
      Object.entries(outcome.messages).map(([name, m]) => [name, messageWire(m.message, m.index, m.from, baseUrl, emittedAt)]),
    ),
    logged: Object.values(outcome.messages)
      .sort((a, b) => a.index - b.index)
      .map((m) => messageWire(m.message, m.index, m.from, baseUrl, emittedAt)),
    log: outcome.session.messages.map((m, index) => messageWire(m, index, everyone.get(m.from)!, baseUrl, emittedAt)),
    now: { timestamp: gwsTimestamp(emittedAt), timestampSeconds: emittedAt },
  });
}
