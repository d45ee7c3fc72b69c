import type { BayeuxMessage, Client } from 'faye';
import type { Sink } from '../delivery/agent-outbox';
import type { DeliveryExt } from '../delivery/stamp';
import { deliveryChannel, privateChannel, type ReceivedOn } from './channels';
import type { ClientRegistry } from './clients';

/**
 * Hands an agent's notifications to faye: once per client of the agent, on the private channel
 * of the one GWS channel that client receives it on (src/bayeux/channels.ts), with gws-sim's
 * stamp under `ext.gwsSim`.
 */
export class FayeSink implements Sink {
  private readonly pendingExt = new WeakMap<object, DeliveryExt>();

  constructor(
    private readonly client: () => Client,
    private readonly clients: ClientRegistry,
  ) {}

  /** A faye client extension: stamps `ext.gwsSim` on the simulator's own publishes. */
  readonly clientExtension = {
    outgoing: (message: BayeuxMessage, callback: (message: BayeuxMessage) => void) => {
      const ext = typeof message.data === 'object' && message.data !== null ? this.pendingExt.get(message.data) : undefined;
      if (ext) message.ext = { ...message.ext, gwsSim: ext };
      callback(message);
    },
  };

  hasSubscriber(userId: string): boolean {
    return this.clients.hasSubscriber(userId);
  }

  send(userId: string, data: unknown, stamp: DeliveryExt, topic: string, copies: number): ReceivedOn[] {
    // The data object is the key the client extension finds the stamp by.
    if (typeof data === 'object' && data !== null) this.pendingExt.set(data, stamp);
    const client = this.client();
    const receivedOn: ReceivedOn[] = [];
    for (const [clientId, subscriptions] of this.clients.subscribersOf(userId)) {
      const channel = deliveryChannel(subscriptions, topic);
      if (channel === undefined) continue;
      receivedOn.push({ clientId, channels: [channel] });
      // A duplicate is the same message (same seq) twice, as a redelivery is.
      for (let copy = 0; copy < copies; copy++) client.publish(privateChannel(clientId, channel), data);
    }
    return receivedOn;
  }
}
