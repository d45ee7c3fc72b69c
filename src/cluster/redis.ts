import Redis from 'ioredis';
import type { RedisAddress } from './redis-url';

/** The keys a cluster keeps its state under (faye-redis keeps its own under "gws-sim/..." with slashes). */
export interface ClusterKeys {
  /** The log of changes, a stream whose ids are 1-0, 2-0, ... */
  log: string;
  /** The last id given. */
  seq: string;
  /** A random id set by the first node: a Redis restarted empty has none. */
  epoch: string;
  /** What every node must share (fixture, scenarios, limits). */
  config: string;
  /** The state after some change of the log, for a node that joins later (SNAPSHOT_EVERY). */
  snapshot: string;
  /** The secret the nodes sign JSESSIONID cookies with. */
  secret: string;
  /** The pub/sub channel of the live feed and the request journal. */
  relay: string;
}

export function clusterKeys(prefix = 'gws-sim'): ClusterKeys {
  return { log: `${prefix}:log`, seq: `${prefix}:seq`, epoch: `${prefix}:epoch`, config: `${prefix}:config`, snapshot: `${prefix}:snapshot`, secret: `${prefix}:secret`, relay: `${prefix}:relay` };
}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A connection to the cluster's Redis that fails fast while Redis is away (no queue of commands
 * waiting for it: a request is answered 503 instead) and reconnects on its own. It logs one line
 * when it loses Redis and one when it is back. Rejects with a clear error when Redis cannot be reached at first.
 */
export async function connectRedis(address: RedisAddress, role: string, log: (line: string) => void): Promise<Redis> {
  const redis = new Redis({
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.password === undefined ? {} : { password: address.password }),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  });
  // Before the first connection, failing is told by the error connect() rejects with.
  let lost = true;
  let connected = false;
  redis.on('error', (error: Error) => {
    if (lost || !connected) return;
    lost = true;
    log(`cluster: lost Redis at ${address.shown} (${role}): ${error.message}; reconnecting`);
  });
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    if (connected) log(`cluster: Redis at ${address.shown} is back (${role})`);
    connected = true;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${address.shown}: ${(error as Error).message}. Start it first (e.g. redis-server --port ${address.port}), or check --redis`);
  }
  return redis;
}
