import { NodeAdapter } from 'faye';
import type { Authenticator } from '../auth/authenticator';
import type { Publisher } from '../scenario/player';
import { authExtension } from './auth-extension';
import { deliveryChannels, MOUNT } from './channels';
import { ClientRegistry } from './clients';
import { routingExtension } from './routing-extension';

/** faye's session timeout (s) and websocket ping (s): Java CometD clients idle out a websocket after 60 s. */
const TIMEOUT_S = 45;
const PING_S = 25;

export interface Bayeux {
  adapter: NodeAdapter;
  clients: ClientRegistry;
  publisher: Publisher;
  close(): void;
}

/** The CometD endpoint: faye with authentication and per-agent routing, and a publisher for the engine. */
export function createBayeux(authenticator: Authenticator, log: (line: string) => void): Bayeux {
  const adapter = new NodeAdapter({ mount: MOUNT, timeout: TIMEOUT_S, ping: PING_S });
  const clients = new ClientRegistry();
  adapter.addExtension(authExtension(authenticator, clients, log));
  adapter.addExtension(routingExtension(clients));
  adapter.on('disconnect', (clientId) => clients.unbind(clientId));

  const publisher: Publisher = {
    publish(userId, notification) {
      const client = adapter.getClient();
      for (const channel of deliveryChannels(userId)) client.publish(channel, notification);
    },
  };

  return {
    adapter,
    clients,
    publisher,
    close() {
      adapter.getClient().disconnect();
      adapter.close();
    },
  };
}
