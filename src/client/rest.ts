import { FAMILIES } from '../gws/families';
import { collectionCreatedBy } from '../gws/operations/registry';

/** GWS's CSRF header (see http/access.ts): kept here, so the client side needs nothing of Express. */
const CSRF_TOKEN = 'X-CSRF-TOKEN';

/** The GWS answer to an operation: `statusCode` 0 on success, else the error's code and message. */
export interface GwsAnswer {
  statusCode: number;
  statusMessage?: string;
  [key: string]: unknown;
}

export interface Credentials {
  user: string;
  password: string;
}

function basic({ user, password }: Credentials): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/**
 * Per base URL and user: the X-CSRF-TOKEN a server in CSRF mode (`--csrf`) last gave, and the
 * JSESSIONID cookie of the session it belongs to (GWS refuses a token without its cookie).
 */
const csrfSessions = new Map<string, { token: string; cookie?: string }>();

/** The JSESSIONID a response sets, as a Cookie header value. */
function sessionCookieOf(response: Response): string | undefined {
  const set = response.headers.getSetCookie().find((c) => c.startsWith('JSESSIONID='));
  return set?.split(';')[0];
}

/**
 * What an operation acts on: a Facebook session's id; an interaction keyed by its family's
 * resource (`{ chat: id }`, `{ facebooksession: id }`, `{ call: id }`: the agent's own call id,
 * not the connId); one of the agent's channels (`{ channel: 'chat' }`: Ready, NotReady); the
 * agent's device (`{ device: id }`: DoNotDisturbOn, and Dial, posted to its calls); or the agent
 * itself (`{ me: true }`: StartContactCenterSession...).
 */
export type OperationTarget = string | { chat: string } | { facebooksession: string } | { call: string } | { device: string } | { channel: string } | { me: true };

/** The REST path `operationName` on `target` is posted to, under /api/v2. */
export function targetPath(target: OperationTarget, operationName: string): string {
  if (typeof target === 'string') return `/me/facebooksessions/${encodeURIComponent(target)}`;
  if ('channel' in target) return `/me/channels/${encodeURIComponent(target.channel)}`;
  if ('me' in target) return '/me';
  if ('device' in target) {
    const created = collectionCreatedBy(operationName);
    return `/me/devices/${encodeURIComponent(target.device)}${created === undefined ? '' : `/${created}`}`;
  }
  const media = FAMILIES.find((m) => m.resource in target)!;
  return `/me/${media.collection}/${encodeURIComponent((target as Record<string, string>)[media.resource])}`;
}

/**
 * Performs a GWS operation as `credentials`' agent: `POST /api/v2/me/facebooksessions/{id}` (or
 * the path of another target) with `{operationName, ...params}`. Against a server in GWS's CSRF
 * mode it sends back the X-CSRF-TOKEN the server gave, with its session's cookie; the first call
 * learns them from the refusal (every answer carries them) and is sent again once.
 */
export async function performOperation(
  baseUrl: string,
  credentials: Credentials,
  operationName: string,
  target: OperationTarget,
  params: Record<string, unknown> = {},
): Promise<GwsAnswer> {
  const url = `${baseUrl}/api/v2${targetPath(target, operationName)}`;
  const key = `${baseUrl} ${credentials.user}`;
  const post = async () => {
    const known = csrfSessions.get(key);
    const response = await send(url, {
      method: 'POST',
      headers: {
        Authorization: basic(credentials),
        'Content-Type': 'application/json',
        ...(known ? { [CSRF_TOKEN]: known.token } : {}),
        ...(known?.cookie ? { Cookie: known.cookie } : {}),
      },
      body: JSON.stringify({ operationName, ...params }),
    });
    const given = response.headers.get(CSRF_TOKEN);
    const cookie = sessionCookieOf(response) ?? known?.cookie;
    const learnt = given !== null && (given !== known?.token || cookie !== known?.cookie);
    if (given !== null) csrfSessions.set(key, { token: given, cookie });
    return { response, retry: learnt && response.status === 403 };
  };
  const first = await post();
  return answerOf(first.retry ? (await post()).response : first.response, url);
}

/** Nothing answered at `url`: `reason` is the network's ("connect ECONNREFUSED 127.0.0.1:8090"). */
export class UnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot reach gws-sim at ${url}: ${reason}`);
    this.name = 'UnreachableError';
  }
}

/** fetch, with the network error's own reason ("connect ECONNREFUSED ...") instead of "fetch failed". */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new UnreachableError(url, cause ?? (error as Error).message);
  }
}

/** Why nothing answers HTTP at `url`, or undefined when something does. */
export async function unreachable(url: string): Promise<string | undefined> {
  try {
    await (await send(url, { method: 'HEAD' })).arrayBuffer();
    return undefined;
  } catch (error) {
    if (error instanceof UnreachableError) return error.reason;
    throw error;
  }
}

/** GET a gws-sim URL and return its JSON answer; `headers` e.g. an admin token. */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<GwsAnswer> {
  return answerOf(await send(url, { headers }), url);
}

/** POST to a gws-sim URL, with `body` as JSON when given, and return its JSON answer. */
export async function postJson(url: string, headers: Record<string, string> = {}, body?: unknown): Promise<GwsAnswer> {
  const json = body === undefined ? {} : { body: JSON.stringify(body), headers: { ...headers, 'Content-Type': 'application/json' } };
  return answerOf(await send(url, { method: 'POST', headers, ...json }), url);
}

async function answerOf(response: Response, url: string): Promise<GwsAnswer> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as GwsAnswer;
    if (typeof body?.statusCode === 'number') return body;
  } catch {
    // not JSON: said below
  }
  throw new Error(`${url} answered HTTP ${response.status} without a GWS body: ${text.slice(0, 200)}`);
}

/** The header gws-sim's /sim endpoints take the admin token in; none without a token. */
export function adminHeaders(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { Authorization: `Bearer ${token}` };
}
