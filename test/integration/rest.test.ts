import { createSimulator, type Simulator } from '../../src/simulator';
import {
  AGENT1_ID,
  AGENT1_PARTICIPANT,
  AGENT2_ID,
  AGENT2_PARTICIPANT,
  AGENT3_ID,
  CUSTOMER_PARTICIPANT,
  SESSION_ID,
} from '../helpers/default-fixture';
import { basic, rest, sessionCookie, type Auth, type RestClient, type RestResponse } from '../helpers/rest';
import { AGENTS_ONLY, ALONE_ALL, CONFERENCE_ALL, LEFT } from '../unit/gws/capabilities';


const AGENT1: Auth = { user: 'agent1', password: 'agent1' };
const AGENT2: Auth = { user: 'agent2', password: 'agent2' };
const AGENT3: Auth = { user: 'agent3', password: 'agent3' };

const SESSION_PATH = `/api/v2/me/facebooksessions/${SESSION_ID}`;
const REMOVE = 'RemoveParticipantFromConference';
const removeAgent2 = { operationName: REMOVE, targetPath: `/users/${AGENT2_ID}` };

let sim: Simulator;
let api: RestClient;
/** The state but for the live feed's last event id, which every request reported there moves. */
const modelState = () => JSON.stringify({ ...sim.state(), lastEventId: undefined });

beforeEach(async () => {
  sim = await createSimulator({ port: 0, host: '127.0.0.1', timeScale: 0 });
  api = rest(sim.url);
});

afterEach(async () => {
  await sim.close();
});

/** A GWS refusal: exactly statusCode and a non-empty statusMessage, with the given HTTP status. */
function expectRefusal(response: RestResponse, statusCode: number, httpStatus: number) {
  expect({ status: response.status, statusCode: response.body?.statusCode }).toEqual({ status: httpStatus, statusCode });
  expect(Object.keys(response.body).sort()).toEqual(['statusCode', 'statusMessage']);
  expect(typeof response.body.statusMessage).toBe('string');
  expect(response.body.statusMessage.trim()).not.toBe('');
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
}

function expectOk(response: RestResponse) {
  expect(response.status).toBe(200);
  expect(response.body.statusCode).toBe(0);
}

const participantIds = (session: { participants: { participantId: string }[] }) => session.participants.map((p) => p.participantId);

describe('GET /api/v2/me', () => {
  test.each([
    ['agent1', AGENT1_ID, 'Test', 'Name'],
    ['agent2', AGENT2_ID, 'Consulting', 'Agent'],
    ['agent3', AGENT3_ID, 'Idle', 'Agent'],
  ])('answers the user %s with URIs on the simulator base URL', async (userName, id, firstName, lastName) => {
    const response = await api.get('/api/v2/me', { user: userName, password: userName });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['statusCode', 'user']);
    expect(response.body.statusCode).toBe(0);
    expect(response.body.user).toMatchObject({
      id,
      userName,
      firstName,
      lastName,
      uri: `${sim.url}/api/v2/users/${id}`,
      path: `/users/${id}`,
    });
  });

  test('sets a JSESSIONID cookie for the whole site, HttpOnly', async () => {
    const response = await api.get('/api/v2/me', AGENT1);
    const line = response.headers.getSetCookie().find((l) => l.startsWith('JSESSIONID='));
    expect(line).toBeDefined();
    expect(line).toMatch(/^JSESSIONID=[^;\s]+;/);
    expect(line).toMatch(/;\s*Path=\/(;|$)/i);
    expect(line).toMatch(/;\s*HttpOnly/i);
  });
});

describe('JSESSIONID cookie', () => {
  test('a later call with only the cookie is authenticated as the same agent, and gets no new cookie', async () => {
    const cookie = sessionCookie((await api.get('/api/v2/me', AGENT2)).headers)!;
    expect(cookie).toBeDefined();

    const me = await api.get('/api/v2/me', { cookie });
    expectOk(me);
    expect(me.body.user.id).toBe(AGENT2_ID);
    expect(sessionCookie(me.headers)).toBeUndefined();

    const session = await api.get(SESSION_PATH, { cookie });
    expectOk(session);
    expect(session.body.facebooksession.id).toBe(SESSION_ID);
  });

  test('a cookie authenticates an operation', async () => {
    const cookie = sessionCookie((await api.get('/api/v2/me', AGENT1)).headers)!;
    const response = await api.post(SESSION_PATH, removeAgent2, { cookie });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ statusCode: 0 });
  });

  test('a wrong password is refused even alongside a valid cookie', async () => {
    const cookie = sessionCookie((await api.get('/api/v2/me', AGENT1)).headers)!;
    expectRefusal(await api.get('/api/v2/me', { user: 'agent1', password: 'wrong', cookie }), 20, 401);
    // ... and the cookie itself still works afterwards
    expectOk(await api.get('/api/v2/me', { cookie }));
  });

  test('each Basic login gets its own session', async () => {
    const first = sessionCookie((await api.get('/api/v2/me', AGENT1)).headers);
    const second = sessionCookie((await api.get('/api/v2/me', AGENT2)).headers);
    expect(first).not.toBe(second);
    expect((await api.get('/api/v2/me', { cookie: first! })).body.user.userName).toBe('agent1');
    expect((await api.get('/api/v2/me', { cookie: second! })).body.user.userName).toBe('agent2');
  });

  test('a cookie from another simulator is refused', async () => {
    const other = await createSimulator({ port: 0, host: '127.0.0.1', timeScale: 0 });
    try {
      const cookie = sessionCookie((await rest(other.url).get('/api/v2/me', AGENT1)).headers)!;
      expectRefusal(await api.get('/api/v2/me', { cookie }), 20, 401);
    } finally {
      await other.close();
    }
  });
});

describe('GET /api/v2/users/{id}', () => {
  test('answers any user of the fixture', async () => {
    const response = await api.get(`/api/v2/users/${AGENT2_ID}`, AGENT1);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      statusCode: 0,
      user: expect.objectContaining({
        id: AGENT2_ID,
        userName: 'agent2',
        firstName: 'Consulting',
        lastName: 'Agent',
        uri: `${sim.url}/api/v2/users/${AGENT2_ID}`,
        path: `/users/${AGENT2_ID}`,
      }),
    });
    expect(response.body.user).not.toHaveProperty('password');
  });
});

describe('GET /api/v2/me/facebooksessions', () => {
  test.each([
    ['agent1', AGENT1],
    ['agent2', AGENT2],
  ])('lists the session for %s, a participant', async (_name, auth) => {
    const response = await api.get('/api/v2/me/facebooksessions', auth);
    expectOk(response);
    expect(response.body.facebooksessions).toHaveLength(1);
    expect(response.body.facebooksessions[0]).toMatchObject({
      id: SESSION_ID,
      uri: `${sim.url}/api/v2/facebooksessions/${SESSION_ID}`,
      state: 'Chatting',
    });
  });

  test('gives each agent its own capabilities in the list', async () => {
    expect((await api.get('/api/v2/me/facebooksessions', AGENT1)).body.facebooksessions[0].capabilities).toEqual(CONFERENCE_ALL);
    expect((await api.get('/api/v2/me/facebooksessions', AGENT2)).body.facebooksessions[0].capabilities).toEqual(AGENTS_ONLY);
  });

  test('is empty for agent3, who is in no session', async () => {
    const response = await api.get('/api/v2/me/facebooksessions', AGENT3);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ statusCode: 0, facebooksessions: [] });
  });
});

describe('GET /api/v2/me/facebooksessions/{id}', () => {
  test.each(['facebooksessions', 'facebooksession'])('answers the session on /me/%s/{id}', async (collection) => {
    const response = await api.get(`/api/v2/me/${collection}/${SESSION_ID}`, AGENT1);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['facebooksession', 'statusCode']);
    expect(response.body.statusCode).toBe(0);
    const session = response.body.facebooksession;
    expect(session).toMatchObject({
      id: SESSION_ID,
      state: 'Chatting',
      facebooksessionType: 'Inbound',
      uri: `${sim.url}/api/v2/facebooksessions/${SESSION_ID}`,
      suggestedQueueUris: [`${sim.url}/api/v2/queues/41cc5016-2d18-4a91-93ec-b43748948608`],
      userData: expect.objectContaining({ FromAddress: 'VitaliyOnv' }),
      capabilities: CONFERENCE_ALL,
    });
    expect(participantIds(session)).toEqual([CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT, AGENT2_PARTICIPANT]);
    expect(session.participants[1]).toEqual({
      participantId: AGENT1_PARTICIPANT,
      type: 'Agent',
      uri: `${sim.url}/api/v2/users/${AGENT1_ID}`,
      visibility: 'All',
      path: `/users/${AGENT1_ID}`,
      nickname: 'TestName',
      id: AGENT1_PARTICIPANT,
    });
    expect(session.participants[2]).toMatchObject({ uri: `${sim.url}/api/v2/users/${AGENT2_ID}`, visibility: 'Agents' });
  });

  test('agent2 sees the same session, with its own state and capabilities', async () => {
    const response = await api.get(SESSION_PATH, AGENT2);
    expectOk(response);
    const session = response.body.facebooksession;
    expect(participantIds(session)).toEqual([CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT, AGENT2_PARTICIPANT]);
    expect(session.state).toBe('Chatting');
    expect(session.capabilities).toEqual(AGENTS_ONLY);
  });

  test("answers the caller's own state: LeftChat for an agent alone who left, while the session goes on", async () => {
    expectOk(await api.post(SESSION_PATH, removeAgent2, AGENT1));
    expectOk(await api.post(SESSION_PATH, { operationName: 'Leave' }, AGENT1));
    const response = await api.get(SESSION_PATH, AGENT1);
    expectOk(response);
    expect(response.body.facebooksession).toMatchObject({ state: 'LeftChat', participants: [expect.objectContaining({ type: 'Customer' })] });
    expect(response.body.facebooksession.capabilities).toEqual(LEFT);
    expect(sim.state().facebooksessions[0].state).toBe('Chatting');
  });
});

describe('POST /api/v2/me/facebooksessions/{id}: RemoveParticipantFromConference', () => {
  test.each([
    ['facebooksessions', 'targetUri', () => ({ targetUri: `${sim.url}/api/v2/users/${AGENT2_ID}` })],
    ['facebooksessions', 'targetPath', () => ({ targetPath: `/users/${AGENT2_ID}` })],
    ['facebooksession', 'targetUri', () => ({ targetUri: `${sim.url}/api/v2/users/${AGENT2_ID}` })],
    ['facebooksession', 'targetPath', () => ({ targetPath: `/users/${AGENT2_ID}` })],
  ])('on /me/%s/{id} with %s answers exactly {"statusCode":0}', async (collection, _how, target) => {
    const response = await api.post(`/api/v2/me/${collection}/${SESSION_ID}`, { operationName: REMOVE, ...target() }, AGENT1);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ statusCode: 0 });
  });

  test('a targetUri on another host names the user by its path', async () => {
    const response = await api.post(SESSION_PATH, { operationName: REMOVE, targetUri: `http://192.168.83.25:8090/api/v2/users/${AGENT2_ID}` }, AGENT1);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ statusCode: 0 });
  });

  // A page of another origin may send these with the agent's cookie without a CORS preflight.
  test.each([
    ['text/plain', "Content-Type 'text/plain'"],
    ['text/plain;charset=UTF-8', "Content-Type 'text/plain;charset=UTF-8'"],
    ['application/x-www-form-urlencoded', "Content-Type 'application/x-www-form-urlencoded'"],
    ['multipart/form-data; boundary=x', "Content-Type 'multipart/form-data; boundary=x'"],
    ['application/jsonp', "Content-Type 'application/jsonp'"],
    [undefined, 'no Content-Type'],
  ])('a JSON body sent as %s is refused with statusCode 1 (415) saying what to send, and not performed', async (contentType, named) => {
    const response = await fetch(`${sim.url}${SESSION_PATH}`, {
      method: 'POST',
      headers: { Authorization: basic('agent1', 'agent1'), ...(contentType === undefined ? {} : { 'Content-Type': contentType }) },
      body: contentType === undefined ? Buffer.from(JSON.stringify(removeAgent2)) : JSON.stringify(removeAgent2),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      statusCode: 1,
      statusMessage: `The request body was sent with ${named}; GWS reads JSON bodies only: send it with Content-Type: application/json.`,
    });
    // Not performed: the same removal, sent as JSON, still finds agent2 there.
    expect((await api.post(SESSION_PATH, removeAgent2, AGENT1)).body).toEqual({ statusCode: 0 });
  });

  test.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])('a JSON body sent as %s is performed', async (contentType) => {
    const response = await fetch(`${sim.url}${SESSION_PATH}`, {
      method: 'POST',
      headers: { Authorization: basic('agent1', 'agent1'), 'Content-Type': contentType },
      body: JSON.stringify(removeAgent2),
    });
    expect(await response.json()).toEqual({ statusCode: 0 });
    expect(response.status).toBe(200);
  });

  test('a request without a body passes whatever content type it names', async () => {
    const response = await fetch(`${sim.url}${SESSION_PATH}`, { method: 'POST', headers: { Authorization: basic('agent1', 'agent1'), 'Content-Type': 'text/plain' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { statusMessage: string }).statusMessage).toMatch(/operationName/);
  });

  test('the removal changes what each agent sees', async () => {
    expectOk(await api.post(SESSION_PATH, removeAgent2, AGENT1));

    const agent1View = await api.get(SESSION_PATH, AGENT1);
    expectOk(agent1View);
    expect(participantIds(agent1View.body.facebooksession)).toEqual([CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT]);
    expect(agent1View.body.facebooksession.capabilities).toEqual(ALONE_ALL);
    const agent1List = await api.get('/api/v2/me/facebooksessions', AGENT1);
    expect(agent1List.body.facebooksessions.map(participantIds)).toEqual([[CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT]]);

    expectRefusal(await api.get(SESSION_PATH, AGENT2), 6, 404);
    expectRefusal(await api.get(`/api/v2/me/facebooksession/${SESSION_ID}`, AGENT2), 6, 404);
    expect((await api.get('/api/v2/me/facebooksessions', AGENT2)).body).toEqual({ statusCode: 0, facebooksessions: [] });
  });

  test('the removal shows in /sim/state', async () => {
    expectOk(await api.post(SESSION_PATH, removeAgent2, AGENT1));
    const { body } = await api.get('/sim/state');
    expect(body.statusCode).toBe(0);
    expect(body.state.lastReferenceId).toBe(1);
    const [session] = body.state.facebooksessions;
    expect(participantIds(session)).toEqual([CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT]);
    expect(session.departed).toEqual([
      expect.objectContaining({ participantId: AGENT2_PARTICIPANT, uri: `${sim.url}/api/v2/users/${AGENT2_ID}` }),
    ]);
    expect(session.messages).toHaveLength(7);
    expect(session.messages.slice(5)).toEqual([
      { index: 5, type: 'Notice', from: AGENT1_PARTICIPANT, text: `REMOVE_PARTICIPANT_FROM_CONFERENCE${AGENT2_ID}`, visibility: 'Agents' },
      { index: 6, type: 'ParticipantLeft', from: AGENT2_PARTICIPANT, visibility: 'Agents' },
    ]);
  });

  test.each(['Consult', 'Transfer'])('%s answers statusCode 0 and the referenceId of its notifications', async (operationName) => {
    expectOk(await api.post(SESSION_PATH, removeAgent2, AGENT1));
    const response = await api.post(SESSION_PATH, { operationName, targetPath: `/users/${AGENT3_ID}` }, AGENT1);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ statusCode: 0, referenceId: 2 });
    expect(sim.state().lastReferenceId).toBe(2);
  });

  test('each operation takes the next referenceId', async () => {
    expectOk(await api.post(SESSION_PATH, removeAgent2, AGENT1));
    expect(sim.state().lastReferenceId).toBe(1);
    await api.post('/sim/reset', {});
    expect(sim.state().lastReferenceId).toBe(0);
    expectOk(await api.post(SESSION_PATH, removeAgent2, AGENT1));
    expect(sim.state().lastReferenceId).toBe(1);
  });
});

describe('refusals', () => {
  interface Row {
    name: string;
    method?: string;
    path: string;
    body?: unknown;
    auth?: Auth;
    /** Requests made first, which must succeed (e.g. a removal before "already removed"). */
    before?: () => Promise<void>;
    statusCode: number;
    http: number;
  }

  const doRemoveAgent2 = async () => {
    expect((await api.post(SESSION_PATH, removeAgent2, AGENT1)).body).toEqual({ statusCode: 0 });
  };
  const op = (params: Record<string, unknown>) => ({ operationName: REMOVE, ...params });
  const big = JSON.stringify(op({ targetPath: `/users/${AGENT2_ID}`, padding: 'x'.repeat(150 * 1024) }));

  const rows: Row[] = [
    // statusCode 20 / 401: who is calling
    { name: 'no Authorization header', path: '/api/v2/me', statusCode: 20, http: 401 },
    { name: 'no credentials on a session', path: SESSION_PATH, statusCode: 20, http: 401 },
    { name: 'no credentials on an operation', method: 'POST', path: SESSION_PATH, body: removeAgent2, statusCode: 20, http: 401 },
    { name: 'wrong password', path: '/api/v2/me', auth: { user: 'agent1', password: 'agent2' }, statusCode: 20, http: 401 },
    { name: 'empty password', path: '/api/v2/me', auth: { user: 'agent1', password: '' }, statusCode: 20, http: 401 },
    { name: 'wrong password on an operation', method: 'POST', path: SESSION_PATH, body: removeAgent2, auth: { user: 'agent1', password: 'x' }, statusCode: 20, http: 401 },
    { name: 'unknown user', path: '/api/v2/me', auth: { user: 'nobody', password: 'nobody' }, statusCode: 20, http: 401 },
    { name: 'malformed Authorization header (Bearer)', path: '/api/v2/me', auth: { authorization: 'Bearer abc.def' }, statusCode: 20, http: 401 },
    { name: 'malformed Authorization header (Basic, not base64)', path: '/api/v2/me', auth: { authorization: 'Basic !!!not-base64!!!' }, statusCode: 20, http: 401 },
    { name: 'malformed Authorization header (Basic, no colon)', path: '/api/v2/me', auth: { authorization: `Basic ${Buffer.from('agent1').toString('base64')}` }, statusCode: 20, http: 401 },
    { name: 'malformed Authorization header (Basic alone)', path: '/api/v2/me', auth: { authorization: 'Basic' }, statusCode: 20, http: 401 },
    { name: 'unknown JSESSIONID cookie', path: '/api/v2/me', auth: { cookie: 'JSESSIONID=0123456789ABCDEF0123456789ABCDEF' }, statusCode: 20, http: 401 },
    { name: 'a cookie without JSESSIONID', path: '/api/v2/me', auth: { cookie: 'other=1' }, statusCode: 20, http: 401 },

    // statusCode 1 / 400: the request cannot be read
    { name: 'malformed JSON', method: 'POST', path: SESSION_PATH, body: '{"operationName": ', auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'JSON null body', method: 'POST', path: SESSION_PATH, body: 'null', auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'JSON array body', method: 'POST', path: SESSION_PATH, body: [removeAgent2], auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'empty JSON object', method: 'POST', path: SESSION_PATH, body: {}, auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'missing targetUri/targetPath', method: 'POST', path: SESSION_PATH, body: op({}), auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'missing operationName', method: 'POST', path: SESSION_PATH, body: { targetPath: `/users/${AGENT2_ID}` }, auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'operationName not a string', method: 'POST', path: SESSION_PATH, body: { operationName: 7, targetPath: `/users/${AGENT2_ID}` }, auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'unknown operationName', method: 'POST', path: SESSION_PATH, body: { operationName: 'Dance', targetPath: `/users/${AGENT2_ID}` }, auth: AGENT1, statusCode: 1, http: 400 },
    { name: "a customer's action as operationName", method: 'POST', path: SESSION_PATH, body: { operationName: 'CustomerMessage', text: 'hi' }, auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'Consult of a user that does not exist', method: 'POST', path: SESSION_PATH, body: { operationName: 'Consult', targetPath: '/users/nobody' }, auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'SendMessage without text', method: 'POST', path: SESSION_PATH, body: { operationName: 'SendMessage' }, auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'targetUri that is not a user', method: 'POST', path: SESSION_PATH, body: op({ targetUri: 'http://127.0.0.1/api/v2/queues/1' }), auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'targetPath not a string', method: 'POST', path: SESSION_PATH, body: op({ targetPath: 42 }), auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'bad percent-encoding in the session id', path: '/api/v2/me/facebooksessions/%E0%A4%A', auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'bad percent-encoding in the session id of an operation', method: 'POST', path: '/api/v2/me/facebooksessions/%ZZ', body: removeAgent2, auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'bad percent-encoding in a user id', path: '/api/v2/users/%ZZ', auth: AGENT1, statusCode: 1, http: 400 },
    { name: 'body over 100kb', method: 'POST', path: SESSION_PATH, body: big, auth: AGENT1, statusCode: 1, http: 413 },

    // statusCode 2 / 400: the target
    { name: 'target agent3, not in the session', method: 'POST', path: SESSION_PATH, body: op({ targetPath: `/users/${AGENT3_ID}` }), auth: AGENT1, statusCode: 2, http: 400 },
    { name: 'target an unknown user', method: 'POST', path: SESSION_PATH, body: op({ targetUri: `http://127.0.0.1:1/api/v2/users/nobody` }), auth: AGENT1, statusCode: 2, http: 400 },
    { name: 'target the caller itself', method: 'POST', path: SESSION_PATH, body: op({ targetPath: `/users/${AGENT1_ID}` }), auth: AGENT1, statusCode: 2, http: 400 },
    { name: 'target already removed', method: 'POST', path: SESSION_PATH, body: removeAgent2, auth: AGENT1, before: doRemoveAgent2, statusCode: 2, http: 400 },

    // statusCode 2 / 400: not in the caller's state, or the target is busy
    { name: 'Accept while chatting', method: 'POST', path: SESSION_PATH, body: { operationName: 'Accept' }, auth: AGENT1, statusCode: 2, http: 400 },
    { name: 'Reject while chatting', method: 'POST', path: SESSION_PATH, body: { operationName: 'Reject' }, auth: AGENT2, statusCode: 2, http: 400 },
    { name: 'Consult of an agent already in the session', method: 'POST', path: SESSION_PATH, body: { operationName: 'Consult', targetPath: `/users/${AGENT2_ID}` }, auth: AGENT1, statusCode: 2, http: 400 },

    // statusCode 3 / 403: the caller's visibility
    { name: 'caller visibility Agents (agent2 removes agent1)', method: 'POST', path: SESSION_PATH, body: op({ targetPath: `/users/${AGENT1_ID}` }), auth: AGENT2, statusCode: 3, http: 403 },

    // statusCode 6 / 404: what the caller may not see
    { name: 'unknown session (GET)', path: '/api/v2/me/facebooksessions/0002EaAY01MT9999', auth: AGENT1, statusCode: 6, http: 404 },
    { name: 'unknown session (POST)', method: 'POST', path: '/api/v2/me/facebooksessions/0002EaAY01MT9999', body: removeAgent2, auth: AGENT1, statusCode: 6, http: 404 },
    { name: 'unknown session (singular path)', path: '/api/v2/me/facebooksession/nope', auth: AGENT1, statusCode: 6, http: 404 },
    { name: 'caller not a participant (GET, agent3)', path: SESSION_PATH, auth: AGENT3, statusCode: 6, http: 404 },
    { name: 'caller not a participant (POST, agent3)', method: 'POST', path: SESSION_PATH, body: removeAgent2, auth: AGENT3, statusCode: 6, http: 404 },
    { name: 'caller removed from the session (GET, agent2)', path: SESSION_PATH, auth: AGENT2, before: doRemoveAgent2, statusCode: 6, http: 404 },
    { name: 'caller removed from the session (POST, agent2)', method: 'POST', path: SESSION_PATH, body: op({ targetPath: `/users/${AGENT1_ID}` }), auth: AGENT2, before: doRemoveAgent2, statusCode: 6, http: 404 },
    { name: 'unknown user id', path: '/api/v2/users/ffffffffffffffffffffffffffffffff', auth: AGENT1, statusCode: 6, http: 404 },
    { name: 'unknown path under /api/v2', path: '/api/v2/queues', auth: AGENT1, statusCode: 6, http: 404 },
    { name: 'unknown nested path under /api/v2', path: `/api/v2/me/facebooksessions/${SESSION_ID}/messages`, auth: AGENT1, statusCode: 6, http: 404 },
    { name: 'unknown method on a known path', method: 'DELETE', path: '/api/v2/me', auth: AGENT1, statusCode: 6, http: 404 },
    { name: 'POST on the session list', method: 'POST', path: '/api/v2/me/facebooksessions', body: removeAgent2, auth: AGENT1, statusCode: 6, http: 404 },
    { name: 'unknown path outside /api/v2', path: '/api/v1/me', statusCode: 6, http: 404 },
    { name: 'unknown /sim path', path: '/sim/nothing', statusCode: 6, http: 404 },

    // the simulator's own controls read JSON too
    { name: 'malformed JSON on /sim/reset', method: 'POST', path: '/sim/reset', body: '{', statusCode: 1, http: 400 },
  ];

  test.each(rows)('$name -> statusCode $statusCode, HTTP $http', async (row) => {
    await row.before?.();
    const before = modelState();
    const response = await api.request(row.method ?? 'GET', row.path, row.body, row.auth);
    expectRefusal(response, row.statusCode, row.http);
    expect(modelState()).toBe(before); // a refusal changes nothing (but the feed, which reports it)
  });

  test('an unknown operationName is refused naming the operations gws-sim supports', async () => {
    const response = await api.post(SESSION_PATH, { operationName: 'Dance' }, AGENT1);
    expectRefusal(response, 1, 400);
    expect(response.body.statusMessage).toMatch(/^Unknown operationName 'Dance' for a facebooksession\. gws-sim supports: Accept, Reject, .*AddComment\.$/);
  });

  test("an operation not allowed in the caller's state says the state and what is allowed now", async () => {
    const response = await api.post(SESSION_PATH, { operationName: 'Accept' }, AGENT1);
    expectRefusal(response, 2, 400);
    expect(response.body.statusMessage).toBe(
      `Cannot Accept: the session is Chatting for agent1, and Accept is not allowed there. Allowed now: ${CONFERENCE_ALL.join(', ')}.`,
    );
  });

  test('a targetPath with a bad percent-encoding is refused as a client error, not a 5xx', async () => {
    const response = await api.post(SESSION_PATH, op({ targetPath: '/users/%ZZ' }), AGENT1);
    expectRefusal(response, 1, 400);
    expect(response.body.statusMessage).toMatch(/targetPath.*percent-encoding/);
  });

  test('a targetUri with a bad percent-encoding is refused as a client error, not a 5xx', async () => {
    const response = await api.post(SESSION_PATH, op({ targetUri: `${sim.url}/api/v2/users/%E0%A4%A` }), AGENT1);
    expectRefusal(response, 1, 400);
    expect(response.body.statusMessage).toMatch(/targetUri.*percent-encoding/);
  });

  test('a refused agent2 removal leaves the session for agent1 as it was', async () => {
    expectRefusal(await api.post(SESSION_PATH, op({ targetPath: `/users/${AGENT1_ID}` }), AGENT2), 3, 403);
    const view = await api.get(SESSION_PATH, AGENT1);
    expect(participantIds(view.body.facebooksession)).toEqual([CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT, AGENT2_PARTICIPANT]);
  });
});

describe('/sim controls', () => {
  test('GET /sim/state describes the fixture, without credentials', async () => {
    const response = await api.get('/sim/state');
    expect(response.status).toBe(200);
    expect(response.body.statusCode).toBe(0);
    const { state } = response.body;
    expect(state).toMatchObject({ timeScale: 0, lastReferenceId: 0, cometdClients: [], pendingStreams: 0 });
    expect(state.users.map((u: { userName: string }) => u.userName)).toEqual(['agent1', 'agent2', 'agent3']);
    expect(state.users[0]).not.toHaveProperty('password');
    expect(state.facebooksessions).toHaveLength(1);
    const [session] = state.facebooksessions;
    expect(session.id).toBe(SESSION_ID);
    expect(session.uri).toBe(`${sim.url}/api/v2/facebooksessions/${SESSION_ID}`);
    expect(participantIds(session)).toHaveLength(3);
    expect(session.departed).toEqual([]);
    expect(session.messages.map((m: { index: number }) => m.index)).toEqual([0, 1, 2, 3, 4]);
    expect(response.body.state).toEqual(JSON.parse(JSON.stringify(sim.state())));
  });

  test('POST /sim/reset restores the fixture, and the same removal succeeds again', async () => {
    expectOk(await api.post(SESSION_PATH, removeAgent2, AGENT1));
    expectRefusal(await api.post(SESSION_PATH, removeAgent2, AGENT1), 2, 400);

    const reset = await api.post('/sim/reset', {});
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ statusCode: 0 });

    const { state } = (await api.get('/sim/state')).body;
    expect(state.lastReferenceId).toBe(0);
    expect(state.facebooksessions[0].departed).toEqual([]);
    expect(state.facebooksessions[0].messages).toHaveLength(5);
    const agent2View = await api.get(SESSION_PATH, AGENT2);
    expectOk(agent2View);
    expect(participantIds(agent2View.body.facebooksession)).toHaveLength(3);

    const again = await api.post(SESSION_PATH, removeAgent2, AGENT1);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ statusCode: 0 });
    expect(sim.state().lastReferenceId).toBe(1);
  });

  test('POST /sim/reset without a body works too', async () => {
    const response = await api.request('POST', '/sim/reset');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ statusCode: 0 });
  });

  test('sim.reset() does what POST /sim/reset does', async () => {
    const initial = modelState();
    expectOk(await api.post(SESSION_PATH, removeAgent2, AGENT1));
    expect(modelState()).not.toBe(initial);
    sim.reset();
    expect(modelState()).toBe(initial);
  });

  test('cookie sessions outlive a reset', async () => {
    const cookie = sessionCookie((await api.get('/api/v2/me', AGENT1)).headers)!;
    await api.post('/sim/reset', {});
    expectOk(await api.get('/api/v2/me', { cookie }));
  });
});

describe('Simulator lifecycle', () => {
  test('sim.url is the listening address, on 127.0.0.1 and the chosen port', async () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.port).toBeGreaterThan(0);
    const root = await api.get('/');
    expect(root.status).toBe(200);
  });

  test('close() is idempotent and stops listening', async () => {
    expectOk(await api.get('/api/v2/me', AGENT1)); // leaves a keep-alive connection open
    const first = sim.close();
    const second = sim.close();
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    await expect(sim.close()).resolves.toBeUndefined();
    await expect(fetch(`${sim.url}/api/v2/me`)).rejects.toThrow();
  });

  test('two simulators on port 0 get different ports and separate state', async () => {
    const other = await createSimulator({ port: 0, host: '127.0.0.1', timeScale: 0 });
    try {
      expect(other.port).not.toBe(sim.port);
      expectOk(await api.post(SESSION_PATH, removeAgent2, AGENT1));
      const view = await rest(other.url).get(SESSION_PATH, AGENT2);
      expectOk(view);
      expect(view.body.facebooksession.uri).toBe(`${other.url}/api/v2/facebooksessions/${SESSION_ID}`);
    } finally {
      await other.close();
    }
  });

  test('a port already in use is refused with a message saying so', async () => {
    await expect(createSimulator({ port: sim.port, host: '127.0.0.1', timeScale: 0 })).rejects.toThrow(/already in use/);
  });
});
