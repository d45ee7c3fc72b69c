import type { RequestHandler } from 'express';
import { gwsError } from '../errors';

/** No GWS body nests deeper than a few levels; schemas and fault parsing walk bodies recursively. */
export const MAX_BODY_DEPTH = 32;

/** How deep `value` nests, counted without recursion (a 16,000-deep body must not overflow the stack); stops past `limit`. */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** After a JSON body parser: a body nested deeper than MAX_BODY_DEPTH is refused with statusCode 1, before anything walks it. */
export function boundedDepth(): RequestHandler {
  return (req, _res, next) => {
    if (depthOf(req.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) return next(gwsError('BODY_TOO_DEEP', MAX_BODY_DEPTH));
    next();
  };
}
