import http from 'node:http';
import fc from 'fast-check';
import { createSimulator, type Simulator } from '../../src/simulator';
import { SESSION_ID, AGENT2_ID } from '../helpers/default-fixture';
import { basic } from '../helpers/rest';

/**
 * Whatever a client sends to the REST side, the answer is a GWS body (`statusCode`, with
 * `statusMessage` when non-zero), never a 5xx, and the simulator keeps answering.
 */
let sim: Simulator;
const logged: string[] = [];

beforeAll(async () => {
  sim = await createSimulator({ timeScale: 0, log: (line) => logged.push(line) });
});

afterAll(() => sim.close());

interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** node:http rather than fetch: fetch refuses odd methods and normalizes paths. */
function send({ method, path, headers, body }: RawRequest): Promise<RawResponse> {
  const { port } = new URL(sim.url);
  return new Promise((resolve, reject) => {
    // Node sends a DELETE body with neither Content-Length nor chunked encoding unless told.
    const length = body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) };
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...length }, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A GWS answer: statusCode 0 with anything, or a non-zero statusCode with a statusMessage and nothing else. */
function expectGwsBody(request: RawRequest, response: RawResponse): void {
  const where = `${request.method} ${request.path} -> ${response.status} ${response.text.slice(0, 200)}`;
  expect({ where, status: response.status < 500 }).toEqual({ where, status: true });
  if (request.method === 'HEAD') return;
  if (onCometdPath(request.path)) return expectBayeuxBody(request, response);
  let body: any;
  expect(() => (body = JSON.parse(response.text))).not.toThrow();
  expect(typeof body?.statusCode).toBe('number');
  if (body.statusCode !== 0) {
    expect({ where, keys: Object.keys(body).sort() }).toEqual({ where, keys: ['statusCode', 'statusMessage'] });
    expect(typeof body.statusMessage).toBe('string');
    expect(body.statusMessage.length).toBeGreaterThan(0);
  }
}

/** Whether faye takes the request: it reads the path as a WHATWG URL does. */
function onCometdPath(path: string): boolean {
  try {
    return new URL(path, 'http://localhost').pathname.startsWith('/api/v2/notifications');
  } catch {
    return false;
  }
}

/** The CometD endpoint answers in Bayeux: an array of replies (OPTIONS: an empty CORS answer). */
function expectBayeuxBody(request: RawRequest, response: RawResponse): void {
  const where = `${request.method} ${request.path} -> ${response.status} ${response.text.slice(0, 200)}`;
  if (request.method === 'OPTIONS') return expect({ where, status: response.status }).toEqual({ where, status: 200 });
  let body: any;
  expect(() => (body = JSON.parse(response.text))).not.toThrow();
  expect({ where, array: Array.isArray(body) }).toEqual({ where, array: true });
  for (const reply of body) expect(typeof reply.successful === 'boolean' || typeof reply.channel === 'string').toBe(true);
}

const AGENT1_AUTH = basic('agent1', 'agent1');

const segment = fc.oneof(
  fc.constantFrom('api', 'v2', 'me', 'users', 'facebooksessions', 'facebooksession', 'sim', 'state', 'reset', SESSION_ID, AGENT2_ID),
  fc.constantFrom('__proto__', 'constructor', 'notifications', 'prototype', 'hasOwnProperty', 'toString', '..', '.', '', '%', '%zz', '%E0%A4%A', '%00', '%2F', '%C0%AF', ';', '~', '*'),
  fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{0,12}$/),
);

const path = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
  fc.tuple(fc.constantFrom('/api/v2/me/facebooksessions/', '/api/v2/users/', '/api/v2/', '/sim/'), fc.array(segment, { maxLength: 3 })).map(
    ([prefix, parts]) => prefix + parts.join('/'),
  ),
  fc.tuple(fc.constantFrom('/api/v2/me', '/api/v2/me/facebooksessions', '/sim/state'), fc.stringMatching(/^[A-Za-z0-9=&%*[\]._-]{0,30}$/)).map(
    ([p, query]) => `${p}?${query}`,
  ),
);

/** Deeply nested JSON, as text: built without recursion so that the generator cannot overflow. */
const deep = fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => {
  const close = open === '[' ? ']' : '}';
  return open.repeat(depth) + '1' + close.repeat(depth);
});

const hostileObject = fc.record(
  {
    operationName: fc.oneof(fc.constant('RemoveParticipantFromConference'), fc.jsonValue()),
    targetUri: fc.oneof(fc.constant(`http://127.0.0.1/api/v2/users/${AGENT2_ID}`), fc.jsonValue(), fc.string()),
    targetPath: fc.oneof(fc.constant(`/users/${AGENT2_ID}`), fc.constant('/users/%E0%A4%A'), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  hostileObject.map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"__proto__":{"polluted":true},"operationName":"RemoveParticipantFromConference"}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"operationName":"RemoveParticipantFromConference","targetPath":"/users/x","__proto__":null}',
    'null',
    '"text"',
    '{',
    '',
    '\u0000',
    '{"a":1}{"b":2}',
  ),
  deep,
  fc.string({ maxLength: 200 }),
);

const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '*/*',
  'application/json; charset',
  ';;;',
);

const auth = fc.constantFrom<Record<string, string>>(
  { Authorization: AGENT1_AUTH },
  { Authorization: basic('agent2', 'agent2') },
  {},
  { Authorization: 'Basic' },
  { Authorization: 'Basic !!!' },
  { Authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
  { Authorization: 'Bearer x' },
  { Cookie: 'JSESSIONID=unknown' },
  { Cookie: 'JSESSIONID=%%%; ;=;' },
);

const request: fc.Arbitrary<RawRequest> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND', 'TRACE', 'M-SEARCH'),
    path,
    auth,
    contentType,
    contentEncoding: fc.constantFrom(undefined, undefined, undefined, 'gzip', 'deflate', 'br', 'bogus', 'identity'),
    body: fc.option(body, { nil: undefined }),
  })
  .map(({ method, path, auth, contentType, contentEncoding, body }) => {
    const headers: Record<string, string> = { ...auth };
    if (contentType !== undefined) headers['Content-Type'] = contentType;
    if (contentEncoding !== undefined) headers['Content-Encoding'] = contentEncoding;
    return { method, path, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body };
  });

describe('generated requests', () => {
  test('never get a 5xx or a body that is not GWS, and the simulator keeps answering', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        expectGwsBody(req, await send(req));
      }),
      { numRuns: 400 },
    );
    const after = await send({ method: 'GET', path: '/api/v2/me', headers: { Authorization: AGENT1_AUTH } });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toMatchObject({ statusCode: 0, user: { userName: 'agent1' } });
    expect(logged.filter((line) => line.startsWith('internal error'))).toEqual([]);
  }, 60_000);
});

/**
 * Fault bodies for POST /sim/faults: good ones, bad ones and a hostile NTH list. None answers a
 * REST call with a 5xx, so that the property below still holds while they are armed.
 */
const faultBody = fc
  .constantFrom<unknown>(
    'rest:agent1:*:VISIBILITY_NOT_ALL:*',
    'rest:agent2:RemoveParticipantFromConference:3/403:1-3',
    { kind: 'rest', agent: 'agent1', operation: '*', statusCode: 2, nth: [1, 3] },
    'drop:agent2:1',
    'delay:*:*:0-5',
    'session-drop:agent1',
    `drop:agent1:${Array.from({ length: 30 }, (_, i) => `${i * 10_001 + 1}-${(i + 1) * 10_001}`).join(',')}`,
    { kind: 'drop', agent: 'agent1', nth: Array.from({ length: 20_000 }, (_, i) => i + 1) },
    // Numbers past 2^53, where counting stops moving (they hung the process for good).
    'drop:agent1:9007199254740992',
    'delay:agent1:9007199254740990-9007199254740999:5',
    `rest:agent1:*:4:${'9'.repeat(400)}`,
    { kind: 'cut', agent: 'agent1', after: 2 ** 53 },
    { kind: 'rest', agent: 'agent1', operation: '*', statusCode: 4, httpStatus: 409 },
    'rest:agent1:*:6',
    { __proto__: { kind: 'drop' } },
    'nope',
    null,
  )
  .chain((fault) => fc.constantFrom(JSON.stringify(fault), JSON.stringify([fault]), JSON.stringify({ faults: [fault, 'drop:agent3:1'] })));

const withFaults: fc.Arbitrary<RawRequest> = fc.oneof(
  request,
  // Operation calls by the agents the faults concern, so that the REST faults fire often.
  fc
    .record({
      auth: fc.oneof(fc.constantFrom<Record<string, string>>({ Authorization: AGENT1_AUTH }, { Authorization: basic('agent2', 'agent2') }), auth),
      body: fc.oneof(hostileObject.map((v) => JSON.stringify({ ...v, operationName: 'RemoveParticipantFromConference' })), body),
    })
    .map(({ auth, body }): RawRequest => ({ method: 'POST', path: `/api/v2/me/facebooksessions/${SESSION_ID}`, headers: { ...auth, 'Content-Type': 'application/json' }, body })),
  fc.record({
    method: fc.constantFrom('POST', 'POST', 'DELETE', 'GET'),
    contentType: fc.constantFrom('application/json', 'text/plain', undefined),
    body: faultBody,
  }).map(({ method, contentType, body }): RawRequest => ({
    method,
    path: '/sim/faults',
    headers: contentType === undefined ? {} : { 'Content-Type': contentType as string },
    body: method === 'GET' ? undefined : body,
  })),
);

describe('generated requests with faults armed and armed by the requests', () => {
  test('never get a 5xx or a body that is not GWS, and the simulator keeps answering', async () => {
    sim.fault(['rest:agent1:*:VISIBILITY_NOT_ALL:2-4', 'rest:agent2:*:ACCESS_DENIED:*']);
    let refused = 0;
    try {
      await fc.assert(
        fc.asyncProperty(withFaults, async (req) => {
          const response = await send(req);
          expectGwsBody(req, response);
          // Counted as they are answered: a generated POST /sim/reset forgets the faults fired so far.
          if (response.text.includes('Fault injected by gws-sim')) refused++;
          // The state stays readable whatever was armed.
          expect((await send({ method: 'GET', path: '/sim/state', headers: {} })).status).toBe(200);
        }),
        { numRuns: 300 },
      );
    } finally {
      sim.clearFaults();
    }
    expect(refused).toBeGreaterThan(0);
    expect(logged.filter((line) => line.startsWith('internal error'))).toEqual([]);
  }, 90_000);
});

describe('named hostile requests', () => {
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    send({
      method: 'POST',
      path: `/api/v2/me/facebooksessions/${SESSION_ID}`,
      headers: { Authorization: AGENT1_AUTH, 'Content-Type': 'application/json', ...headers },
      body,
    });

  test('__proto__ and constructor keys pollute nothing', async () => {
    for (const text of ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '[{"__proto__":{"polluted":true}}]']) {
      const response = await post(text);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text).statusCode).toBe(1);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('an operationName with line breaks forges no log line: control characters are logged escaped', async () => {
    const forged = 'Dance\nagent2 RemoveParticipantFromConference on 0002EaAY01MT0082: statusCode 0';
    const before = logged.length;
    expect((await post(JSON.stringify({ operationName: forged }))).status).toBe(400);
    const lines = logged.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^agent1 Dance\\u000aagent2 RemoveParticipantFromConference on 0002EaAY01MT0082: statusCode 0 on 0002EaAY01MT0082: statusCode 1, /);
    expect(lines[0]).not.toContain('\n');
  });

  test('a body over 100 kB is statusCode 1 with HTTP 413', async () => {
    const response = await post(JSON.stringify({ operationName: 'x'.repeat(200_000) }));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text)).toEqual({ statusCode: 1, statusMessage: 'The request body is larger than 100kb.' });
  });

  test('JSON nested 60,000 deep is refused as too large, 5,000 deep as not an operation', async () => {
    expect((await post('['.repeat(60_000) + ']'.repeat(60_000))).status).toBe(413);
    const response = await post('{"a":'.repeat(5000) + '1' + '}'.repeat(5000));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).statusCode).toBe(1);
  });

  test.each(['null', '1', '"text"', 'true'])('the JSON value %s is "expected a JSON object", not "not valid JSON"', async (text) => {
    const response = await post(text);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      statusCode: 1,
      statusMessage: expect.stringContaining("Invalid parameter 'body': expected a JSON object"),
    });
  });

  test('a body that is not gzip although it says so is statusCode 1', async () => {
    const response = await post('{"operationName":"x"}', { 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).statusCode).toBe(1);
  });

  test.each(['//', '//:99999/api/v2/me'])('the path %s (on which faye threw and killed the process) is statusCode 1', async (path) => {
    const response = await send({ method: 'GET', path, headers: { Authorization: AGENT1_AUTH } });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({ statusCode: 1, statusMessage: expect.stringContaining('not a valid URL path') });
    expect((await send({ method: 'GET', path: '/api/v2/me', headers: { Authorization: AGENT1_AUTH } })).status).toBe(200);
  });

  test('a request line the HTTP parser cannot read gets a GWS body', async () => {
    const net = await import('node:net');
    const { port } = new URL(sim.url);
    const raw = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let text = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.write('GET /api/v2/me\u0000 HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ statusCode: 1, statusMessage: expect.stringContaining('cannot be read') });
  });
});
