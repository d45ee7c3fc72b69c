/** A value now (one process) or later (a cluster, once every node has it in order). */
export type Settling<T> = T | Promise<T>;

/** Calls `then` with a settled value at once, or once its promise settles; a refusal goes to `failed`. */
export function whenSettled<T, R>(value: () => Settling<T>, then: (value: T) => Settling<R>, failed: (error: unknown) => Settling<R>): Settling<R> {
  let settling: Settling<T>;
  try {
    settling = value();
  } catch (error) {
    return failed(error);
  }
  return settling instanceof Promise ? settling.then(then, failed) : then(settling);
}

/** A `failed` of whenSettled that lets the refusal go on to the error handler. */
export function rethrow(error: unknown): never {
  throw error;
}
