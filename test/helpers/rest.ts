import http from 'node:http';

/**
 * A tiny REST client over Node's global fetch, for talking to gws-sim as a GWS client would.
 *
 *   const api = rest(sim.url);
 *   const { status, body, headers } = await api.get('/api/v2/me', { user: 'agent1', password: 'agent1' });
 */

/** HTTP Basic (optionally with a cookie too), the JSESSIONID cookie alone, or a raw Authorization header. */
export type Auth =
  | { user: string; password: string; cookie?: string }
  | { cookie: string }
  | { authorization: string };

export interface RestResponse {
  status: number;
  /** The parsed JSON body, or undefined when the body is not JSON (see `text`). */
  body: any;
  text: string;
  headers: Headers;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function authHeaders(auth: Auth | undefined): Record<string, string> {
  if (!auth) return {};
  if ('authorization' in auth) return { Authorization: auth.authorization };
  const headers: Record<string, string> = {};
  if ('user' in auth) headers.Authorization = basic(auth.user, auth.password);
  if (auth.cookie !== undefined) headers.Cookie = auth.cookie;
  return headers;
}

/** `body`: a string is sent as is, anything else is JSON.stringify'd; undefined sends no body. */
export async function request(baseUrl: string, method: string, path: string, body?: unknown, auth?: Auth): Promise<RestResponse> {
  const headers = authHeaders(auth);
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

export function rest(baseUrl: string) {
  return {
    get: (path: string, auth?: Auth) => request(baseUrl, 'GET', path, undefined, auth),
    post: (path: string, body: unknown, auth?: Auth) => request(baseUrl, 'POST', path, body, auth),
    request: (method: string, path: string, body?: unknown, auth?: Auth) => request(baseUrl, method, path, body, auth),
  };
}

export type RestClient = ReturnType<typeof rest>;

/** The `JSESSIONID=<id>` pair of a response's Set-Cookie headers, ready to send back as a Cookie header. */
export function sessionCookie(headers: Headers): string | undefined {
  for (const line of headers.getSetCookie()) {
    const pair = line.split(';')[0].trim();
    if (pair.startsWith('JSESSIONID=')) return pair;
  }
  return undefined;
}

/** A request with headers fetch does not let a caller set (Host), on a connection of its own. */
export function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string>): Promise<RestResponse & { raw: http.IncomingHttpHeaders }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        const fetched = new Headers(Object.entries(res.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)] as [string, string]])));
        resolve({ status: res.statusCode ?? 0, body, text, headers: fetched, raw: res.headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
