import type { IncomingMessage } from 'node:http';
import { NodeAdapter, type EngineOption, type Extension } from 'faye';
import { cookie, SESSION_COOKIE, type Authenticator } from '../auth/authenticator';
import type { SimEvents } from '../events';
import { refusedOrigin } from '../auth/origin';
import { authExtension, headerCredentials } from './auth-extension';
import { chain } from './chain';
import { catchUpExtension } from './catch-up-extension';
import { ConnectionBinding } from './binding';
import { MOUNT, publicChannel } from './channels';
import { ClientRegistry, type ClientChange } from './clients';
import { FayeSink } from './delivery';
import { limitsExtension } from './limits-extension';
import { messageShapeExtension } from './message-shape';
import { routingExtension } from './routing-extension';
import { bindWebsockets } from './websocket';

/** faye's session timeout (s) and websocket ping (s): Java CometD clients idle out a websocket after 60 s. */
const TIMEOUT_S = 45;
const PING_S = 25;
/** How long closing waits for the in-process client's disconnect to go through a cluster's Redis. */
const CLOSE_WAIT_MS = 1_000;
/** No client can subscribe to it (see channels.ts). */
const WARM_UP_CHANNEL = '/gws-sim/warm-up';

/** What the Bayeux side tells the simulator, and asks of it. */
export interface BayeuxHooks {
  /** After a subscription of an agent, once its reply has gone out. */
  subscribed(userId: string): void;
  /** faye forgot a client (disconnect, timeout, a dropped session); `userId` is who it handshook as. */
  disconnected(clientId: string, userId: string | undefined): void;
  /** The seq of the agent's last notification (a subscribe reply tells it). */
  lastSent(userId: string): number;
}

export interface Bayeux {
  adapter: NodeAdapter;
  /** Settles once faye's in-process client is connected: publish only after that. */
  ready: Promise<void>;
  clients: ClientRegistry;
  /** Where the agents' outboxes hand their notifications. */
  sink: FayeSink;
  /**
   * Adds an extension from outside (as faye's Extensible): it runs after authentication and the
   * connection binding, before the channel routing, for clients' messages only.
   */
  addExtension(extension: Extension): void;
  /**
   * Disconnects the in-process client, then stops faye. With a Redis engine the client's
   * disconnect needs an answer from Redis: stopping faye first would leave its retry timer running.
   */
  close(): Promise<void>;
}

/**
 * The credentials a request brings in its headers (a JSESSIONID cookie or Basic), under the
 * handshake's Origin rule: undefined when it brings none, else the user they authenticate, if any.
 */
function headerUser(authenticator: Authenticator, request: IncomingMessage): { userId?: string } | undefined {
  const { authorization, cookie: cookies } = request.headers;
  if (authorization === undefined && cookie(cookies, SESSION_COOKIE) === undefined) return undefined;
  const verdict = headerCredentials(authenticator, request);
  return { userId: verdict.ok ? verdict.user.id : undefined };
}

/** The CometD endpoint: faye with authentication and per-agent routing, and a publisher for the engine. */
/** `websocketHandshakeMs`: how long a websocket may stay open without serving a session (src/bayeux/websocket.ts). */
/** `cluster`: faye's engine for a cluster's Redis, and where the registry's changes go to the other nodes. */
export function createBayeux(
  authenticator: Authenticator,
  hooks: BayeuxHooks,
  log: (line: string) => void,
  events: SimEvents | undefined,
  websocketHandshakeMs: number,
  cluster?: { engine: EngineOption; share(change: ClientChange): void; caughtUp(): Promise<void> },
): Bayeux {
  const adapter = new NodeAdapter({ mount: MOUNT, timeout: TIMEOUT_S, ping: PING_S, ...(cluster ? { engine: cluster.engine } : {}) });
  const clients = new ClientRegistry(events, cluster?.share);
  // Before anything acts on a session: a message for it from another connection is refused.
  const binding = new ConnectionBinding(
    clients,
    (request) => headerUser(authenticator, request),
    (request) => refusedOrigin(request.headers, authenticator.policy.allowOrigins),
    log,
  );
  bindWebsockets(adapter, (clientId, request) => binding.attachable(clientId, request), log, websocketHandshakeMs);
  const sink = new FayeSink(() => adapter.getClient(), clients);
  adapter.getClient().addExtension(sink.clientExtension);
  const added: Extension[] = [];
  const extensions = () =>
    chain([
      messageShapeExtension(), // first: the others may then trust the field types
      ...(cluster ? [catchUpExtension(clients, cluster.caughtUp)] : []), // before anything asks who a clientId is
      authExtension(authenticator, clients, log),
      binding.extension,
      ...added, // before routing: a dropped session's request becomes a disconnect before anything else looks at it
      routingExtension(clients, (userId) => hooks.lastSent(userId)),
      limitsExtension(),
    ]);
  let current = extensions();
  adapter.addExtension({ incoming: (m, r, c) => current.incoming!(m, r, c), outgoing: (m, r, c) => current.outgoing!(m, r, c) });
  adapter.on('disconnect', (clientId) => {
    const userId = clients.userOf(clientId);
    clients.unbind(clientId);
    hooks.disconnected(clientId, userId);
  });
  adapter.on('subscribe', (clientId, channel) => {
    clients.subscribed(clientId, publicChannel(channel));
    const userId = clients.userOf(clientId);
    // After the subscribe reply: what the agent missed while it had no subscriber comes first.
    if (userId !== undefined) setImmediate(() => hooks.subscribed(userId));
  });
  adapter.on('unsubscribe', (clientId, channel) => clients.unsubscribed(clientId, publicChannel(channel)));

  // The first publish() of faye's client waits for its handshake while later ones queue ahead
  // of it: connect the client (by a publish nobody receives) before the first notification.
  const ready = new Promise<void>((resolve, reject) => {
    adapter.getClient().publish(WARM_UP_CHANNEL, {}).then(resolve, (error) => reject(new Error(`faye's client did not connect: ${error.message}`)));
  });

  return {
    adapter,
    ready,
    clients,
    sink,
    addExtension(extension) {
      added.push(extension);
      current = extensions();
    },
    async close() {
      const disconnected = adapter.getClient().disconnect();
      if (cluster && disconnected) await Promise.race([Promise.resolve(disconnected).catch(() => {}), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
      adapter.close();
    },
  };
}
