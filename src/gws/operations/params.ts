import { z } from 'zod';
import { gwsError, type GwsError } from '../../errors';
import { shorten } from '../../shown';

const USER_URI = /^https?:\/\/[^/\s]+\/api\/v2\/users\/([^/?#\s]+)$/;
const USER_PATH = /^\/users\/([^/?#\s]+)$/;
const TARGET_HINT = 'give targetUri "<base>/api/v2/users/<userId>" or targetPath "/users/<userId>"';

/** A refusal's kind, carried on a custom zod issue so that it maps onto the error catalogue. */
const MISSING = 'missing';

/**
 * `targetUri` (`<base>/api/v2/users/<userId>`) or `targetPath` (`/users/<userId>`), as GWS takes
 * either: parsed to the user's id, percent-decoded.
 */
export const Target = z
  .object({
    // `format` names what the value refers to, for forms built from the schema (the dashboard suggests users).
    targetUri: z.unknown().optional().meta({ description: 'the target agent: <base>/api/v2/users/<userId> (or give targetPath)', format: 'gws-user-uri' }),
    targetPath: z.unknown().optional().meta({ description: 'the target agent: /users/<userId> (or give targetUri)', format: 'gws-user-path' }),
  })
  .transform(({ targetUri, targetPath }, ctx) => {
    if (targetUri === undefined && targetPath === undefined) {
      ctx.addIssue({ code: 'custom', path: ['targetUri'], message: TARGET_HINT, params: { kind: MISSING } });
      return z.NEVER;
    }
    const [name, value, pattern] =
      targetUri !== undefined ? (['targetUri', targetUri, USER_URI] as const) : (['targetPath', targetPath, USER_PATH] as const);
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', path: [name], message });
      return z.NEVER;
    };
    if (typeof value !== 'string') return fail(`expected a string; ${TARGET_HINT}`);
    const match = pattern.exec(value.trim());
    if (!match) return fail(`'${value}' is not a user; ${TARGET_HINT}`);
    try {
      return { targetUserId: decodeURIComponent(match[1]) };
    } catch {
      return fail(`'${value}' has a malformed percent-encoding; ${TARGET_HINT}`);
    }
  });

/**
 * JSON allows `__proto__` as a key, and GWS would keep it; but zod and faye copy bodies and
 * notifications into plain objects, where that key sets the prototype and vanishes. So rather
 * than answer 0 and keep (and tell the agents) nothing, the simulator refuses it (modelled).
 */
const PROTO_KEY = '__proto__';
const PROTO_HINT = `'${PROTO_KEY}' cannot be a key in gws-sim (JavaScript objects cannot carry it to the agents); rename it`;

/** GWS's user data: a JSON object of keys and values. */
export const UserData = z.record(z.string(), z.unknown());

/** A user data key named in a parameter (SetDisposition's dispositionKey). */
export const UserDataKey = z.string().min(1).refine((key) => key !== PROTO_KEY, PROTO_HINT);

/** The path to the first `__proto__` key in a JSON value: a loop, since a body may nest thousands deep. */
function protoKeyPath(value: unknown): string[] | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: next, path } = stack.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    for (const [key, inner] of Object.entries(next)) {
      if (key === PROTO_KEY) return [...path, key];
      stack.push({ value: inner, path: [...path, key] });
    }
  }
  return undefined;
}

/** Checks an operation's parameters: the first problem becomes GWS's statusCode 1, naming the parameter. */
export function parseParams<P>(schema: z.ZodType<P>, params: Record<string, unknown>, example: Record<string, unknown>): P {
  const proto = protoKeyPath(params);
  if (proto) throw gwsError('INVALID_PARAMETER', shorten(proto[0]), `${PROTO_HINT} (at ${shorten(proto.join('.'))})`);
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  throw refusalOf(result.error.issues[0], params, example);
}

function refusalOf(issue: z.core.$ZodIssue, params: Record<string, unknown>, example: Record<string, unknown>): GwsError {
  const name = String(issue.path[0] ?? 'body');
  const custom = issue.code === 'custom';
  const missing = custom ? (issue.params as { kind?: string } | undefined)?.kind === MISSING : params[name] === undefined;
  const hint = custom ? issue.message : `${issue.message.replace(/^Invalid input: /, '')}; for example ${JSON.stringify(example)}`;
  return missing ? gwsError('MISSING_PARAMETER', name, hint) : gwsError('INVALID_PARAMETER', name, hint);
}
