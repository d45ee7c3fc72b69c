import type { RequestHandler, Response } from 'express';
import { cookie, SESSION_COOKIE } from '../auth/authenticator';
import { FAMILIES } from '../gws/families';
import { userOf } from '../http/authenticate';
import { bounded, clipped } from './bounded';
import type { Journal } from './journal';
import type { RestRequest } from './wire';

/** /api/v2/me/<collection>/<id>: the session a request's path names, of any medium and spelling. */
const SESSION_PATH = new RegExp(`^/api/v2/me/(?:${FAMILIES.flatMap((m) => [m.collection, ...m.aliases]).join('|')})/([^/]+)/?$`, 'i');

/**
 * Journals every request under /api/v2 once it is answered (or its client went away): first in
 * the chain, so a request refused by authentication, CORS or CSRF is journaled too. The answer's
 * statusCode and referenceId are read from the JSON it was given.
 */
export function journalRest(journal: Journal): RequestHandler {
  return (req, res, next) => {
    const at = journal.now();
    const started = performance.now();
    let answer: unknown;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      answer = body;
      return json(body);
    };
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const [path, search = ''] = req.originalUrl.split('?', 2);
      const body = req.body === undefined ? undefined : bounded(req.body);
      const { statusCode, statusMessage } = (answer ?? {}) as Record<string, unknown>;
      // The operation's, which its notifications carry (src/http/perform.ts); Consult's answer carries it too.
      const referenceId = res.locals.referenceId ?? (answer as { referenceId?: unknown } | undefined)?.referenceId;
      const operation = (req.body as { operationName?: unknown } | undefined)?.operationName;
      const session = SESSION_PATH.exec(path)?.[1];
      const entry: Omit<RestRequest, 'id'> = {
        type: 'rest',
        at,
        ...agentOf(res),
        method: req.method,
        path: clipped(path),
        ...queryOf(search),
        auth: req.headers.authorization !== undefined ? 'basic' : cookie(req.headers.cookie, SESSION_COOKIE) !== undefined ? 'cookie' : 'none',
        ...(typeof operation === 'string' ? { operation: clipped(operation) } : {}),
        ...(session === undefined ? {} : { session: clipped(decodeSegment(session)) }),
        ...(body === undefined ? {} : { body: body.value, ...(body.bytes === undefined ? {} : { bodyBytes: body.bytes }) }),
        status: res.statusCode,
        ...(typeof statusCode === 'number' ? { statusCode } : {}),
        ...(typeof statusMessage === 'string' ? { statusMessage: clipped(statusMessage) } : {}),
        ...(typeof referenceId === 'number' ? { referenceId } : {}),
        durationMs: Math.round(performance.now() - started),
      };
      journal.record(entry);
    };
    res.on('finish', record);
    res.on('close', record);
    next();
  };
}

function agentOf(res: Response): { agent?: string } {
  const user = res.locals.user === undefined ? undefined : userOf(res);
  return user === undefined ? {} : { agent: user.userName };
}

/** The query's parameters, masked and bounded; none for an empty query. */
function queryOf(search: string): { query?: Record<string, string | string[]> } {
  if (search === '') return {};
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = query[key];
    query[key] = seen === undefined ? value : ([] as string[]).concat(seen, value);
  }
  const kept = bounded(query);
  // A query too long to keep whole: its first bytes, under a key no parameter has.
  return { query: kept.bytes === undefined ? (kept.value as Record<string, string | string[]>) : { '…': kept.value as string } };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
