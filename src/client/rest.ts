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
 * Performs a GWS operation on a facebook session as `credentials`' agent:
 * `POST /api/v2/me/facebooksessions/{id}` with `{operationName, ...params}`.
 */
export async function performOperation(
  baseUrl: string,
  credentials: Credentials,
  operationName: string,
  sessionId: string,
  params: Record<string, unknown> = {},
): Promise<GwsAnswer> {
  const url = `${baseUrl}/api/v2/me/facebooksessions/${encodeURIComponent(sessionId)}`;
  const response = await send(url, {
    method: 'POST',
    headers: { Authorization: basic(credentials), 'Content-Type': 'application/json' },
    body: JSON.stringify({ operationName, ...params }),
  });
  return answerOf(response, url);
}

/** fetch, with the network error's own reason ("connect ECONNREFUSED ...") instead of "fetch failed". */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(`cannot reach ${url}: ${cause ?? (error as Error).message}`);
  }
}

/** GET a gws-sim URL and return its JSON answer; `headers` e.g. an admin token. */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<GwsAnswer> {
  return answerOf(await send(url, { headers }), url);
}

export async function postJson(url: string, headers: Record<string, string> = {}): Promise<GwsAnswer> {
  return answerOf(await send(url, { method: 'POST', headers }), url);
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
