import type { Extension } from 'faye';
import type { ClientRegistry } from './clients';

/**
 * On a node of a cluster, a message naming a clientId this node does not know yet waits until the
 * node has applied the cluster's log (at most a second): its client may have handshaken on
 * another node a moment ago, through a load balancer, and its next message come here first.
 * Made-up clientIds wait too, and are then answered as unknown, as on one process.
 */
export function catchUpExtension(clients: ClientRegistry, caughtUp: () => Promise<void>): Extension {
  return {
    incoming(message, _request, callback) {
      const { clientId, channel } = message;
      if (typeof clientId !== 'string' || channel === '/meta/handshake' || clients.bindingOf(clientId) !== undefined) return callback(message);
      void caughtUp().then(() => callback(message));
    },
  };
}
