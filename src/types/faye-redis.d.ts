// faye-redis 0.2.0 ships no type declarations: these cover what src/cluster/faye-engine.ts uses,
// including the two node_redis 3 clients it keeps in private fields (it offers no other way to them).
declare module 'faye-redis' {
  namespace FayeRedis {
    /** One command as node_redis 3 queues it; `callback` is what receives the reply. */
    interface RedisCommand {
      command: string;
      args: unknown[];
      callback?: (error: Error | null, reply?: unknown) => void;
    }

    /** A node_redis 3 client, the parts gws-sim touches. */
    interface RedisClient {
      ready: boolean;
      /** The options node_redis reads as it goes (retry_strategy is read at each lost connection). */
      options: { retry_strategy?: (attempt: { attempt: number; error: Error | null }) => number };
      internal_send_command(command: RedisCommand): boolean;
      on(event: 'error', listener: (error: Error & { code?: string }) => void): void;
      on(event: 'ready', listener: () => void): void;
      on(event: 'warning', listener: (message: string) => void): void;
      multi(): { lrange(key: string, start: number, stop: number, callback: (error: Error | null, replies: string[] | null) => void): void; del(key: string): void; exec(): void };
      lpush(key: string, ...values: string[]): boolean;
    }

    interface Engine {
      _ns: string;
      emptyQueue(clientId: string): void;
      _redis: RedisClient;
      _subscriber: RedisClient;
      disconnect(): void;
    }
  }

  const FayeRedis: { create(server: unknown, options: Record<string, unknown>): FayeRedis.Engine };
  export = FayeRedis;
}
