import { kindOf } from '../scenario/expect';
import type { Publisher } from '../scenario/player';
import { AgentOutbox, type OutboxContext, type Outgoing } from './agent-outbox';
import type { DeliveryState } from './stamp';

/** What the rules in use make of one notification; a rule changes what concerns it. */
export interface Shaping {
  drop: boolean;
  copies: number;
  delayMs: number;
  reorder: boolean;
  /** The faults injected, for the stamp. */
  faults: string[];
  /** Called once it is handed to Bayeux, with its seq (undefined: dropped, or sent to none of the agent's clients). */
  onSent: ((seq: number | undefined) => void)[];
  /** Called when a reordered one found no next one in time. */
  onAlone?: () => void;
}

/** A rule the simulator adds from outside (the faults): it shapes each notification while in use. */
export interface OutboxRule {
  shape(userId: string, notification: unknown, shaping: Shaping): void;
}

/** A notification waiting in an outbox, as GET /sim/state shows it. */
export interface Waiting {
  userId: string;
  notification: unknown;
  dueAt: number;
  readyAt: number;
}

/**
 * The one owner of every agent's outgoing notifications (one AgentOutbox each): order, what a
 * fault holds back, what waits for an agent with no subscriber or on hold, sequence numbers. The
 * scenario player publishes here; rules (faults) are added from outside and cost nothing while
 * none is in use.
 */
export class Outboxes implements Publisher {
  private readonly agents = new Map<string, AgentOutbox>();
  private rules: readonly OutboxRule[] = [];

  constructor(private readonly ctx: OutboxContext) {}

  /** Puts a rule in use; returns what takes it out again. */
  use(rule: OutboxRule): () => void {
    if (!this.rules.includes(rule)) this.rules = [...this.rules, rule];
    return () => {
      this.rules = this.rules.filter((r) => r !== rule);
    };
  }

  publish(userId: string, notification: unknown, dueAt: number, topic: string): void {
    const outbox = this.outboxOf(userId);
    const item: Outgoing = { notification, dueAt, topic, copies: 1, faults: [], readyAt: 0, held: false };
    // The usual case, on every notification: no rule in use, nothing to shape.
    if (this.rules.length === 0) return outbox.enqueue(item);
    const shaping: Shaping = { drop: false, copies: 1, delayMs: 0, reorder: false, faults: [], onSent: [] };
    for (const rule of this.rules) rule.shape(userId, notification, shaping);
    const { onSent } = shaping;
    // A dropped notification takes no seq: the agent is not owed it.
    if (shaping.drop) return onSent.forEach((sent) => sent(undefined));
    item.copies = shaping.copies;
    item.faults = shaping.faults;
    if (onSent.length > 0) item.onSent = (seq) => onSent.forEach((sent) => sent(seq));
    outbox.enqueue(item, shaping.delayMs, shaping.reorder, shaping.onAlone);
  }

  /** Keeps the agent's notifications back until `release(userId, reason)`. */
  hold(userId: string, reason: string): void {
    this.outboxOf(userId).hold(reason);
  }

  release(userId: string, reason: string): void {
    this.agents.get(userId)?.release(reason);
  }

  /** Agents with a hold on them. */
  onHold(): string[] {
    return [...this.agents.values()].filter((a) => a.onHold).map((a) => a.userId);
  }

  /** Sends what waited for the agent: call once it has a subscriber again. */
  resume(userId: string): void {
    this.agents.get(userId)?.pump();
  }

  /** The sequence number of the last notification sent to `userId`. */
  lastSent(userId: string): number {
    return this.agents.get(userId)?.sent ?? 0;
  }

  /** Notifications waiting for `userId` to receive (no subscriber, or on hold). */
  heldFor(userId: string): number {
    return this.agents.get(userId)?.heldNow ?? 0;
  }

  /** What a fault holds back (delayed, or reordered), not yet due. */
  delayed(): Waiting[] {
    return [...this.agents.values()].flatMap((agent) =>
      agent.waiting().flatMap(({ item, held }) => (held ? [] : [{ userId: agent.userId, notification: item.notification, dueAt: item.dueAt, readyAt: item.readyAt }])),
    );
  }

  /** Forgets everything waiting (a reset); sequence numbers keep counting. */
  clear(): void {
    for (const agent of this.agents.values()) agent.clear();
  }

  state(): DeliveryState[] {
    return [...this.agents.values()].map((agent) => {
      const held = agent.waiting().filter((w) => w.held);
      return {
        userId: agent.userId,
        sent: agent.sent,
        held: held.length,
        heldNotifications: held.map(({ item }) => ({ kind: kindOf(item.notification), dueAt: item.dueAt })),
        dropped: agent.dropped,
      };
    });
  }

  private outboxOf(userId: string): AgentOutbox {
    let outbox = this.agents.get(userId);
    if (!outbox) this.agents.set(userId, (outbox = new AgentOutbox(userId, this.ctx)));
    return outbox;
  }
}
