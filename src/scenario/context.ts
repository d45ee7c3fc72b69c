import type { Participant } from '../gws/fixture';
import type { Operation } from '../gws/operations/operation';
import type { AgentStateOutcome, Outcome, Recipient } from '../gws/operations/registry';
import { familyNamed } from '../gws/families';
import { callWire, deviceWire } from '../gws/families/voice/wire';
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
export const AGENT_STATE_ROOTS = ['operation', 'user', 'channels', 'device', 'now', 'vars'] as const;

/**
 * What a family with a leg per agent (a call) adds: the recipient's own call resource (`call`), its
 * DN (`phoneNumber`) and its device (`device`, for DeviceStateChangeMessage).
 */
export const LEG_ROOTS = ['call', 'phoneNumber', 'device'] as const;

/** The names the templates of `operation`'s stream file may start a placeholder with. */
export function contextRootsOf(operation: Operation): readonly string[] {
  if (operation.actor === 'agent-state') return AGENT_STATE_ROOTS;
  return [...CONTEXT_ROOTS, ...(familyNamed(operation.media).legPerAgent ? LEG_ROOTS : []), ...operation.participants];
}

/** What a recipient that the sample of an operation does not reach sees in a dry run. */
const NOBODY: Pick<Recipient, 'state' | 'capabilities'> = { state: 'Chatting', capabilities: [] };

/**
 * What templates see for one operation and one recipient: the session after it, the recipient's
 * state and capabilities, the participants involved, the messages it logged and the time of
 * emission. What depends on the emission time is built only for the roots a step reads (`needs`,
 * every root when absent); the rest once per operation, for all its recipients.
 */
export type OperationContext = (emittedAt: number, needs?: ReadonlySet<string>) => Record<string, unknown>;

/** The emission-time roots: built per notification, so only when a step reads them. */
const TIMED = ['messages', 'logged', 'log', 'now'] as const;

export function contextFor(outcome: Outcome, baseUrl: string, recipient: Partial<Recipient> = NOBODY): OperationContext {
  if (!('session' in outcome)) return agentStateContext(outcome, baseUrl);
  const fixed = sharedContext(outcome, baseUrl);
  const state = recipient.state ?? NOBODY.state;
  const capabilities = recipient.capabilities ?? NOBODY.capabilities;
  // A dry run's role that its sample reaches nobody in renders with the first party's call.
  const party = recipient.userId ?? Object.keys(outcome.session.legs ?? {})[0];
  const leg = familyNamed(outcome.media).legPerAgent && party !== undefined ? legContext(outcome, baseUrl, party) : undefined;
  return (emittedAt, needs) => {
    const context: Record<string, unknown> = { ...fixed, state, capabilities };
    for (const root of TIMED) if (!needs || needs.has(root)) context[root] = timed(outcome, baseUrl, root, emittedAt);
    if (leg) {
      Object.assign(context, leg.fixed);
      // A call's duration counts at emission: built only for a step that shows the call.
      if (!needs || needs.has('call')) context.call = leg.call(state, capabilities, emittedAt);
    }
    return context;
  };
}

/** The part of the context all recipients of an operation share, built once per operation. */
const shared = new WeakMap<object, { baseUrl: string; fixed: Record<string, unknown> }>();

function sharedContext(outcome: Extract<Outcome, { session: unknown }>, baseUrl: string): Record<string, unknown> {
  const known = shared.get(outcome);
  if (known?.baseUrl === baseUrl) return known.fixed;
  const fixed = {
    ...Object.fromEntries(Object.entries(outcome.participants).map(([name, p]) => [name, participantWire(p, baseUrl)])),
    operation: outcome.operation,
    referenceId: outcome.referenceId,
    session: sessionWire(outcome.session, baseUrl),
    sessionPath: sessionPath(outcome.session),
  };
  shared.set(outcome, { baseUrl, fixed });
  return fixed;
}

function timed(outcome: Extract<Outcome, { session: unknown }>, baseUrl: string, root: (typeof TIMED)[number], emittedAt: number): unknown {
  switch (root) {
    case 'messages':
      return Object.fromEntries(Object.entries(outcome.messages).map(([name, m]) => [name, messageWire(m.message, m.index, m.from, baseUrl, emittedAt)]));
    case 'logged':
      return Object.values(outcome.messages)
        .sort((a, b) => a.index - b.index)
        .map((m) => messageWire(m.message, m.index, m.from, baseUrl, emittedAt));
    case 'log': {
      const everyone = new Map<string, Participant>([...outcome.session.participants, ...outcome.session.departed].map((p) => [p.participantId, p]));
      return outcome.session.messages.map((m, position) => messageWire(m, position + 1, everyone.get(m.from)!, baseUrl, emittedAt));
    }
    case 'now':
      return nowAt(emittedAt);
    default: {
      const unknown: never = root;
      throw new Error(`unknown context root ${String(unknown)}`);
    }
  }
}

/** A call's roots for one party: its call as it sees it at emission (duration counts), its DN and its device. */
function legContext(outcome: Extract<Outcome, { session: unknown }>, baseUrl: string, userId: string) {
  const phone = outcome.phones[userId];
  return {
    fixed: { phoneNumber: phone.device.phoneNumber, device: deviceWire(phone, baseUrl) },
    call: (state: string, capabilities: string[], emittedAt: number) =>
      outcome.session.legs?.[userId] === undefined ? undefined : callWire(outcome.session, userId, baseUrl, { state, capabilities }, outcome.phones, emittedAt),
  };
}

/** What templates see for an operation on the agent itself: the agent, and its channels after it. */
function agentStateContext(outcome: AgentStateOutcome, baseUrl: string): OperationContext {
  const fixed = { operation: outcome.operation, user: userWire(outcome.user, baseUrl), channels: outcome.channels.map(channelWire), device: deviceWire(outcome.phone, baseUrl) };
  return (emittedAt) => ({ ...fixed, now: nowAt(emittedAt) });
}

const nowAt = (emittedAt: number) => ({ timestamp: gwsTimestamp(emittedAt), timestampSeconds: emittedAt });
