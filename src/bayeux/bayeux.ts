import type { IncomingMessage } from 'node:http';
import { NodeAdapter } from 'faye';
import type { Authenticator } from '../auth/authenticator';
import type { SimEvents } from '../events';
import { refusedOrigin } from '../auth/origin';
import { authExtension, headerCredentials } from './auth-extension';
import { chain } from './chain';
import { ConnectionBinding } from './binding';
import { deliveryOf, MOUNT, publicChannel } from './channels';
import { ClientRegistry } from './clients';
import { Deliveries } from './delivery';
import { limitsExtension } from './limits-extension';
import { messageShapeExtension } from './message-shape';
import { SessionFaults } from '../faults/session';
import { routingExtension } from './routing-extension';
import { bindWebsockets } from './websocket';

/** faye's session timeout (s) and websocket ping (s): Java CometD clients idle out a websocket after 60 s. */
const TIMEOUT_S = 45;
const PING_S = 25;
/** No client can subscribe to it (see channels.ts). */
const WARM_UP_CHANNEL = '/gws-sim/warm-up';

export interface Bayeux {
  adapter: NodeAdapter;
  /** Settles once faye's in-process client is connected: publish only after that. */
  ready: Promise<void>;
  clients: ClientRegistry;
  deliveries: Deliveries;
  /** Session drops and transport cuts (src/faults). */
  sessionFaults: SessionFaults;
  /** Called after each subscription of an agent (a session fault may wait for one). */
  onSubscribed?: (userId: string) => void;
  close(): void;
}

/** The user a request's cookie or Basic header authenticates (with the handshake's Origin rule), if any. */
function authenticatedUser(authenticator: Authenticator, request: IncomingMessage): string | undefined {
  if (request.headers.authorization === undefined && request.headers.cookie === undefined) return undefined;
  const verdict = headerCredentials(authenticator, request);
  return verdict.ok ? verdict.user.id : undefined;
}

/** The CometD endpoint: faye with authentication and per-agent routing, and a publisher for the engine. */
/** `websocketHandshakeMs`: how long a websocket may stay open without serving a session (src/bayeux/websocket.ts). */
export function createBayeux(authenticator: Authenticator, now: () => number, log: (line: string) => void, events: SimEvents | undefined, websocketHandshakeMs: number): Bayeux {
  const adapter = new NodeAdapter({ mount: MOUNT, timeout: TIMEOUT_S, ping: PING_S });
  const clients = new ClientRegistry(events);
  // Before anything acts on a session: a message for it from another connection is refused.
  const binding = new ConnectionBinding(
    clients,
    (request) => authenticatedUser(authenticator, request),
    (request) => refusedOrigin(request.headers, authenticator.policy.allowOrigins),
    log,
  );
  bindWebsockets(adapter, (clientId, request) => binding.attachable(clientId, request), log, websocketHandshakeMs);
  const sessionFaults = new SessionFaults(clients, (userId) => deliveries.flush(userId));
  const deliveries = new Deliveries(() => adapter.getClient(), (userId) => clients.hasSubscriber(userId) && sessionFaults.deliverable(userId),
    now,
    log,
    (userId, topic) => deliveryOf(userId, clients.subscriptionsByClient(userId), topic),
    events,
  );
  adapter.getClient().addExtension(deliveries.clientExtension);
  adapter.addExtension(
    chain([
      messageShapeExtension(), // first: the others may then trust the field types
      authExtension(authenticator, clients, log),
      binding.extension,
      // Before routing: a dropped session's request becomes a disconnect before anything else looks at it.
      sessionFaults.extension,
      routingExtension(clients, (userId) => deliveries.lastSent(userId)),
      limitsExtension(),
    ]),
  );
  adapter.on('disconnect', (clientId) => {
    const userId = clients.userOf(clientId);
    clients.unbind(clientId);
    sessionFaults.forget(clientId, userId);
  });
  adapter.on('subscribe', (clientId, channel) => {
    clients.subscribed(clientId, publicChannel(channel));
    const userId = clients.userOf(clientId);
    // After the subscribe reply: what the agent missed while it had no subscriber comes first.
    if (userId !== undefined) {
      setImmediate(() => {
        bayeux.onSubscribed?.(userId); // first: a dropped session is over, what was held for it may go
        deliveries.flush(userId);
      });
    }
  });
  adapter.on('unsubscribe', (clientId, channel) => clients.unsubscribed(clientId, publicChannel(channel)));

  // The first publish() of faye's client waits for its handshake while later ones queue ahead
  // of it: connect the client (by a publish nobody receives) before the first notification.
  const ready = new Promise<void>((resolve, reject) => {
    adapter.getClient().publish(WARM_UP_CHANNEL, {}).then(resolve, (error) => reject(new Error(`faye's client did not connect: ${error.message}`)));
  });

  const bayeux: Bayeux = {
    adapter,
    ready,
    clients,
    deliveries,
    sessionFaults,
    close() {
      sessionFaults.close();
      adapter.getClient().disconnect();
      adapter.close();
    },
  };
  return bayeux;
}
