import FayeRedis from 'faye-redis';
import type { EngineOption } from 'faye';
import { repeatedLog } from '../repeated-log';
import type { RedisAddress } from './redis-url';

/**
 * The most a node waits between two attempts to reach a lost Redis, ms. node_redis 3's own delay
 * grows 1.7 times an attempt without a ceiling: after a minute's outage a node would stay away
 * about as long again.
 */
const MAX_RETRY_MS = 1_000;

/** node_redis 3 says this each time faye-redis's disconnect() calls `end()`: nothing to act on. */
const END_DEPRECATION = /end\(\) without the flush parameter/;

/**
 * faye's `engine` option for a node of a cluster: faye-redis (faye's own Redis engine) on
 * `address`, its keys under `namespace`, made to survive Redis going away. As it ships, faye-redis
 * listens to no 'error' event of its two node_redis clients (the first lost connection kills the
 * process) and reads the reply of a failed command as a result (`clients.forEach` of an errored
 * SUNION throws inside node_redis's parser). `create` guards both clients before any I/O happens.
 */
export function fayeRedisEngine(address: RedisAddress, log: (line: string) => void, namespace = 'gws-sim'): EngineOption {
  return {
    type: {
      create(server, options) {
        const engine = FayeRedis.create(server, options);
        guard(engine, address, log, server as EngineProxy);
        keepUndelivered(engine, server as EngineProxy);
        return engine;
      },
    },
    host: address.host,
    port: address.port,
    database: address.db,
    ...(address.password === undefined ? {} : { password: address.password }),
    namespace,
  };
}

/** faye's engine proxy, which creates the engine and holds each client's /meta/connect: the parts gws-sim touches. */
interface EngineProxy {
  _connections: Map<string, unknown>;
  flushConnection(clientId: string): void;
  hasConnection(clientId: string): boolean;
  /** False when the client has no connection here (any more): nothing was delivered. */
  deliver(clientId: string, messages: unknown[]): boolean;
}

/**
 * faye-redis empties a client's queue in Redis (LRANGE + DEL in one MULTI) each time a message for
 * it is announced while the client has a connection on this node, and hands faye the messages when
 * the reply comes back. A long-polling client's /meta/connect may have been answered by an earlier
 * batch and closed meanwhile: faye has no connection to deliver to and drops them, and Redis no
 * longer has them (about one notification in ten under a steady stream). Here one emptying per
 * client is in flight at a time (one more follows if asked for meanwhile), and what cannot be
 * delivered goes back to the head of the queue, in order, for the client's next /meta/connect on
 * any node.
 */
function keepUndelivered(engine: FayeRedis.Engine, proxy: EngineProxy): void {
  /** clientId -> whether another emptying was asked for while this one is in flight. */
  const inFlight = new Map<string, boolean>();
  const emptyQueue = (clientId: string): void => {
    if (!proxy.hasConnection(clientId)) return;
    if (inFlight.has(clientId)) {
      inFlight.set(clientId, true);
      return;
    }
    inFlight.set(clientId, false);
    const key = `${engine._ns}/clients/${clientId}/messages`;
    const multi = engine._redis.multi();
    multi.lrange(key, 0, -1, (_error, json) => {
      const again = inFlight.get(clientId);
      inFlight.delete(clientId);
      if (json && json.length > 0 && !proxy.deliver(clientId, json.map((message) => JSON.parse(message) as unknown))) engine._redis.lpush(key, ...[...json].reverse());
      if (again) emptyQueue(clientId);
    });
    multi.del(key);
    multi.exec();
  };
  engine.emptyQueue = emptyQueue;
}

/**
 * One line when Redis is lost, one when both clients are back; error replies dropped, and told once a while.
 * Once back, the /meta/connects held here are answered: Redis may have come back empty, without the
 * clients' sessions, and a client whose connect is held would learn it only when the hold ends
 * (faye's timeout, 45 s), deaf meanwhile. Its next request now learns it at once (401, handshake
 * again); a client whose session survived just polls again.
 */
function guard(engine: FayeRedis.Engine, address: RedisAddress, log: (line: string) => void, proxy: EngineProxy): void {
  const clients = [engine._redis, engine._subscriber];
  const logRepeated = repeatedLog(log);
  let lost = false;
  let droppedWhileLost = 0;

  const onLost = (why: string): void => {
    if (lost) return;
    lost = true;
    droppedWhileLost = 0;
    log(`Redis at ${address.shown} is lost (${why}): reconnecting; notifications between nodes are lost meanwhile`);
  };
  const onReady = (): void => {
    if (!lost || !clients.every((client) => client.ready)) return;
    lost = false;
    const dropped = droppedWhileLost === 0 ? '' : ` (${droppedWhileLost} commands in flight were dropped)`;
    log(`Redis at ${address.shown} is back${dropped}: clients whose sessions it held will handshake again`);
    for (const clientId of [...proxy._connections.keys()]) proxy.flushConnection(clientId);
  };
  const onDropped = (command: string, error: Error & { code?: string }): void => {
    // NR_CLOSED: the engine was closed (faye's close()) and faye-redis still had commands to send.
    if (error.code === 'NR_CLOSED') return;
    if (lost) droppedWhileLost++;
    else logRepeated(`reply:${command}`, `Redis at ${address.shown} answered ${command.toUpperCase()} with an error, dropped: ${error.message}`);
  };

  for (const client of clients) {
    // Called once per lost connection and per failed attempt, with why; while it is set, node_redis
    // emits no 'error' per attempt.
    client.options.retry_strategy = ({ attempt, error }) => {
      onLost(error?.message ?? 'connection closed');
      return Math.min(attempt * 100, MAX_RETRY_MS);
    };
    client.on('ready', onReady);
    client.on('error', (error) => logRepeated('error', `Redis at ${address.shown}: ${error.message}`));
    client.on('warning', (message) => {
      if (!END_DEPRECATION.test(message)) logRepeated('warning', `Redis client at ${address.shown}: ${message}`);
    });
    dropErrorReplies(client, onDropped);
  }
}

/**
 * node_redis 3 sends every command, its reconnection SELECT and re-SUBSCRIBE included, through
 * `internal_send_command`, and delivers the reply (or the error of a lost connection) to that
 * command's `callback`. Giving every command a callback there that swallows errors is the one place
 * that keeps any error away from faye-redis's callbacks (none of which look at it), without touching
 * faye-redis: what the command carried (a queued message, a ping, a subscription) is lost with
 * Redis, and faye's clients retry or handshake again. A command sent with no callback gets one too,
 * so node_redis never turns its error into an 'error' event. (The replies inside faye-redis's one
 * MULTI, LRANGE+DEL, reach its LRANGE callback through node_redis's own bookkeeping; that callback
 * checks its reply itself.)
 */
function dropErrorReplies(client: FayeRedis.RedisClient, dropped: (command: string, error: Error & { code?: string }) => void): void {
  const send = client.internal_send_command.bind(client);
  client.internal_send_command = (command) => {
    const callback = command.callback;
    command.callback = (error, reply) => {
      if (error) dropped(command.command, error);
      else callback?.(null, reply);
    };
    return send(command);
  };
}
