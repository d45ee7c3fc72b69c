import { z } from 'zod';
import { gwsError, type GwsError } from '../../errors';
import { shorten } from '../../shown';

const USER_URI = /^https?:\/\/[^/\s]+\/api\/v2\/users\/([^/?#\s]+)$/;
const USER_PATH = /^\/users\/([^/?#\s]+)$/;
const TARGET_HINT = 'give targetUri "<base>/api/v2/users/<userId>" or targetPath "/users/<userId>"';

/** A refusal's kind, carried on a custom zod issue so that it maps onto the error catalogue. */
const MISSING = 'missing';

/** Where a target points: a user, or a queue (by id from a URI or path, or by name). */
export type TargetRef = { user: string } | { queueId: string } | { queueName: string };

const QUEUE_URI = /^https?:\/\/[^/\s]+\/api\/v2\/queues\/([^/?#\s]+)$/;
const QUEUE_PATH = /^\/queues\/([^/?#\s]+)$/;
const QUEUE_HINT = '; or a queue: queueName, targetUri "<base>/api/v2/queues/<id>" or targetPath "/queues/<id>"';

/**
 * `targetUri` (`<base>/api/v2/users/<userId>`) or `targetPath` (`/users/<userId>`), as GWS takes
 * either, parsed to the user's id, percent-decoded; with `queues`, also a queue's URI or path, or
 * `queueName` (Consult and Transfer on a chat). `extra` are the operation's other parameters.
 */
function targetOf<E extends z.ZodRawShape>(extra: E, queues: boolean) {
  const hint = TARGET_HINT + (queues ? QUEUE_HINT : '');
  return z
    .object({
      // `format` names what the value refers to, for forms built from the schema (the dashboard suggests users).
      targetUri: z.unknown().optional().meta({ description: 'the target agent: <base>/api/v2/users/<userId> (or give targetPath)', format: 'gws-user-uri' }),
      targetPath: z.unknown().optional().meta({ description: 'the target agent: /users/<userId> (or give targetUri)', format: 'gws-user-path' }),
      ...(queues ? { queueName: z.string().min(1).optional().meta({ description: 'the target queue, by name (or give a queue URI)' }) } : {}),
      ...extra,
    })
    .transform((all, ctx) => {
      const { targetUri, targetPath, queueName, ...rest } = all as Record<string, unknown>;
      const done = (target: TargetRef) => ({ target, targetUserId: 'user' in target ? target.user : '', ...rest }) as { target: TargetRef; targetUserId: string } & z.infer<z.ZodObject<E>>;
      if (typeof queueName === 'string' && targetUri === undefined && targetPath === undefined) return done({ queueName });
      if (targetUri === undefined && targetPath === undefined) {
        ctx.addIssue({ code: 'custom', path: ['targetUri'], message: hint, params: { kind: MISSING } });
        return z.NEVER;
      }
      const [name, value, pattern, queuePattern] =
        targetUri !== undefined ? (['targetUri', targetUri, USER_URI, QUEUE_URI] as const) : (['targetPath', targetPath, USER_PATH, QUEUE_PATH] as const);
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', path: [name], message });
        return z.NEVER;
      };
      if (typeof value !== 'string') return fail(`expected a string; ${hint}`);
      const user = pattern.exec(value.trim());
      const queue = queues ? queuePattern.exec(value.trim()) : null;
      if (!user && !queue) return fail(`'${value}' is not a ${queues ? 'user or queue' : 'user'}; ${hint}`);
      try {
        return done(user ? { user: decodeURIComponent(user[1]) } : { queueId: decodeURIComponent(queue![1]) });
      } catch {
        return fail(`'${value}' has a malformed percent-encoding; ${hint}`);
      }
    });
}

/**
 * What GWS's chat pages let several operations add (Leave, Complete, Transfer,
 * RemoveParticipantFromConference, SendToAgents, the typing notifications): a `text` shown with
 * it, its `messageType`, and `treatAs` (Normal or System). Accepted and checked; gws-sim logs no
 * extra message for them (modelled).
 */
export const Saying = {
  text: z.string().optional(),
  messageType: z.string().min(1).optional(),
  treatAs: z.enum(['Normal', 'System']).optional(),
};

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

/** A user to act on (RemoveParticipantFromConference), with the chat pages' optional text. */
export const Target = targetOf(Saying, false);

/** An agent or a queue to offer the session to (Consult, Transfer), with the optional text. */
export const InviteTarget = targetOf(Saying, true);
