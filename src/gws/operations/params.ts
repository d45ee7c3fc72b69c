import { z } from 'zod';
import { gwsError, type GwsError } from '../../errors';

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

/** GWS's user data: a JSON object of keys and values. */
export const UserData = z.record(z.string(), z.unknown());

/** Checks an operation's parameters: the first problem becomes GWS's statusCode 1, naming the parameter. */
export function parseParams<P>(schema: z.ZodType<P>, params: Record<string, unknown>, example: Record<string, unknown>): P {
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
