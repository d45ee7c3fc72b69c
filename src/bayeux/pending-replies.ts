/**
 * What an extension noted on an incoming message, waiting for faye's reply to it: per request (a
 * websocket's upgrade request serves all its messages), per key (a message id, or channel and id),
 * in order, as a batch may repeat a key and faye answers in order. A key is forgotten once nothing
 * waits on it, as a websocket's request lives as long as its socket.
 */
export class PendingReplies<T> {
  private readonly byRequest = new WeakMap<object, Map<string, T[]>>();

  put(request: object, key: string, value: T): void {
    let byKey = this.byRequest.get(request);
    if (!byKey) this.byRequest.set(request, (byKey = new Map()));
    const queue = byKey.get(key);
    if (queue) queue.push(value);
    else byKey.set(key, [value]);
  }

  take(request: object, key: string): T | undefined {
    const byKey = this.byRequest.get(request);
    const queue = byKey?.get(key);
    const value = queue?.shift();
    if (queue?.length === 0) byKey!.delete(key);
    return value;
  }

  /** Keys with something waiting, for this request. */
  waiting(request: object): number {
    return this.byRequest.get(request)?.size ?? 0;
  }
}
