import type { Participant } from '../gws/fixture';
import type { Operation } from '../gws/operations/operation';
import type { AgentStateOutcome, Outcome, Recipient } from '../gws/operations/registry';
import { gwsTimestamp } from '../gws/timestamp';
import { channelWire, messageWire, participantWire, sessionPath, sessionWire, userWire } from '../gws/wire';

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

/** The names a template of an operation on the agent itself (StartContactCenterSession, Ready...) may start with. */
export const AGENT_STATE_ROOTS = ['operation', 'user', 'channels', 'now', 'vars'] as const;

/** The names the templates of `operation`'s stream file may start a placeholder with. */
export function contextRootsOf(operation: Operation): readonly string[] {
  return operation.actor === 'agent-state' ? AGENT_STATE_ROOTS : [...CONTEXT_ROOTS, ...operation.participants];
}

/** What a recipient that the sample of an operation does not reach sees in a dry run. */
const NOBODY: Pick<Recipient, 'state' | 'capabilities'> = { state: 'Chatting', capabilities: [] };

/**
 * What templates see for one operation and one recipient: the session after it, the recipient's
 * state and capabilities, the participants involved, the messages it logged and the time of
 * emission. Everything but the time is built once.
 */
export type OperationContext = (emittedAt: number) => Record<string, unknown>;

export function contextFor(outcome: Outcome, baseUrl: string, recipient: Partial<Recipient> = NOBODY): OperationContext {
  if (!('session' in outcome)) return agentStateContext(outcome, baseUrl);
  const everyone = new Map<string, Participant>([...outcome.session.participants, ...outcome.session.departed].map((p) => [p.participantId, p]));
  const fixed = {
    ...Object.fromEntries(Object.entries(outcome.participants).map(([name, p]) => [name, participantWire(p, baseUrl)])),
    operation: outcome.operation,
    referenceId: outcome.referenceId,
    session: sessionWire(outcome.session, baseUrl),
    sessionPath: sessionPath(outcome.session),
    state: recipient.state ?? NOBODY.state,
    capabilities: recipient.capabilities ?? NOBODY.capabilities,
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
    now: nowAt(emittedAt),
  });
}

/** What templates see for an operation on the agent itself: the agent, and its channels after it. */
function agentStateContext(outcome: AgentStateOutcome, baseUrl: string): OperationContext {
  const fixed = { operation: outcome.operation, user: userWire(outcome.user, baseUrl), channels: outcome.channels.map(channelWire) };
  return (emittedAt) => ({ ...fixed, now: nowAt(emittedAt) });
}

const nowAt = (emittedAt: number) => ({ timestamp: gwsTimestamp(emittedAt), timestampSeconds: emittedAt });
