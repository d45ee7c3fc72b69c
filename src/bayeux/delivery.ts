import type { BayeuxMessage, Client } from 'faye';
import type { SimEvents } from '../events';
import { kindOf } from '../scenario/expect';
import type { ReceivedOn } from './channels';
import type { DeliveryExt, DeliveryState } from './delivery-ext';

/** Notifications kept for an agent with no subscriber; past this, the oldest is dropped. */
export const HELD_PER_AGENT = 100;

/** What an injected fault asks of one notification: sent `copies` times with one seq, stamped with `faults`. */
export interface PublishOptions {
  /** The GWS topic it belongs to (/v2/me/facebooksession...); /v2/notifications carries every topic. */
  topic: string;
  copies?: number;
  faults?: string[];
}


interface AgentDeliveries {
  sent: number;
  held: { notification: unknown; dueAt: number; options: PublishOptions }[];
  dropped: number;
}

/**
 * Publishes each agent's notifications on its private channels, numbered per agent. An agent with
 * no subscriber does not lose them: they are held, in order, until its first subscription
 * (GWS keeps an agent's queue while its desktop reconnects).
 */
export class Deliveries {
  private readonly agents = new Map<string, AgentDeliveries>();
  private readonly pendingExt = new WeakMap<object, DeliveryExt>();

  constructor(
    private readonly client: () => Client,
    private readonly hasSubscriber: (userId: string) => boolean,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
    /** The private channels to publish an agent's notification of `topic` on, and the channels each client receives it on. */
    private readonly deliveryOf: (userId: string, topic: string) => { channels: readonly string[]; receivedOn: readonly ReceivedOn[] },
    /** Told of every notification sent (the dashboard's timeline). */
    private readonly events?: Pick<SimEvents, 'notification' | 'held'>,
  ) {}

  /** A faye client extension: stamps `ext.gwsSim` on the simulator's own publishes. */
  readonly clientExtension = {
    outgoing: (message: BayeuxMessage, callback: (message: BayeuxMessage) => void) => {
      const ext = typeof message.data === 'object' && message.data !== null ? this.pendingExt.get(message.data) : undefined;
      if (ext) message.ext = { ...message.ext, gwsSim: ext };
      callback(message);
    },
  };

  /**
   * Hands the notification to faye for the agent's subscribers and returns its seq; undefined
   * when it is held, or when no client of the agent subscribed to its topic (nothing goes out: a
   * fault waiting for it to go out would wait for ever).
   */
  publish(userId: string, notification: unknown, dueAt: number, options: PublishOptions): number | undefined {
    const agent = this.agentOf(userId);
    // Behind what is held (a subscription whose flush has not run yet) a notification waits its turn.
    if (!this.hasSubscriber(userId) || agent.held.length > 0) {
      agent.held.push({ notification, dueAt, options });
      if (agent.held.length > HELD_PER_AGENT) {
        agent.held.shift();
        agent.dropped++;
        this.log(`user ${userId} has no subscriber and more than ${HELD_PER_AGENT} notifications waiting: dropped the oldest`);
      }
      this.events?.held(userId, notification, dueAt, options.topic, agent.held.length);
      if (this.hasSubscriber(userId)) setImmediate(() => this.flush(userId));
      return undefined;
    }
    return this.send(userId, agent, notification, dueAt, false, options);
  }

  /** Sends what was held for `userId`, in order; call once the agent has a subscriber. */
  flush(userId: string): void {
    const agent = this.agents.get(userId);
    if (!agent || agent.held.length === 0 || !this.hasSubscriber(userId)) return;
    for (const { notification, dueAt, options } of agent.held.splice(0)) void this.send(userId, agent, notification, dueAt, true, options);
  }

  /** The sequence number of the last notification sent to `userId`. */
  lastSent(userId: string): number {
    return this.agents.get(userId)?.sent ?? 0;
  }

  /** Notifications held for `userId` (no subscriber yet, or a cut transport). */
  heldFor(userId: string): number {
    return this.agents.get(userId)?.held.length ?? 0;
  }

  /** Forgets held notifications (a reset); sequence numbers keep counting. */
  clearHeld(): void {
    for (const agent of this.agents.values()) agent.held = [];
  }

  state(): DeliveryState[] {
    return [...this.agents].map(([userId, a]) => ({
      userId,
      sent: a.sent,
      held: a.held.length,
      heldNotifications: a.held.map(({ notification, dueAt }) => ({ kind: kindOf(notification), dueAt })),
      dropped: a.dropped,
    }));
  }

  private send(userId: string, agent: AgentDeliveries, notification: unknown, dueAt: number, held: boolean, options: PublishOptions): number | undefined {
    agent.sent++;
    // The data object is the key the client extension finds the stamp by: a fresh one per send.
    const data = Array.isArray(notification) ? [...notification] : typeof notification === 'object' && notification !== null ? { ...notification } : notification;
    const faults = options.faults?.length ? { faults: options.faults } : {};
    const stamp: DeliveryExt = { seq: agent.sent, dueAt, sentAt: this.now(), ...(held ? { held: true as const } : {}), ...faults };
    if (typeof data === 'object' && data !== null) this.pendingExt.set(data, stamp);
    const client = this.client();
    const { channels, receivedOn } = this.deliveryOf(userId, options.topic);
    const copies = options.copies ?? 1;
    // A duplicate is the same message (same seq) twice, as a redelivery is.
    for (let copy = 0; copy < copies; copy++) {
      for (const channel of channels) client.publish(channel, data);
    }
    this.events?.notification(userId, data, stamp, options.topic, copies, receivedOn);
    return channels.length > 0 ? agent.sent : undefined;
  }

  private agentOf(userId: string): AgentDeliveries {
    let agent = this.agents.get(userId);
    if (!agent) this.agents.set(userId, (agent = { sent: 0, held: [], dropped: 0 }));
    return agent;
  }
}
