// The shapes of gws-sim's deliveries that the public API shows; free of faye's types.

/**
 * What gws-sim adds to every notification it delivers, under `ext.gwsSim`: the agent's delivery
 * sequence number (1, 2, ...), and when it was due and sent (epoch ms on the simulator's clock).
 */
export interface DeliveryExt {
  seq: number;
  dueAt: number;
  sentAt: number;
  /** Held while the agent had no subscriber: late on purpose. */
  held?: true;
  /** Faults injected into this notification on purpose (see src/faults): `delay`, `duplicate`, `reorder`. */
  faults?: string[];
}

/** One agent's deliveries, as GET /sim/state shows them. */
export interface DeliveryState {
  userId: string;
  /** The sequence number of the last notification sent to this agent's subscribers. */
  sent: number;
  /** Waiting for the agent's first subscriber. */
  held: number;
  /** Those notifications, oldest first: their kind and when they were due. */
  heldNotifications: { kind: string; dueAt: number }[];
  /** Dropped because more than HELD_PER_AGENT were waiting. */
  dropped: number;
}
