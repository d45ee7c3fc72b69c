import { TRANSPORTS, type Transport } from '../helpers/agent';
import { SESSION_ID } from '../helpers/default-fixture';
import { CHATTING, expectRefusal, kinds, LEFT_CHAT, useWorld, type UserName } from '../helpers/operations';

const PROPERTIES_UPDATED = 'FacebooksessionStateChangeMessage/PropertiesUpdated';

interface Case {
  operation: string;
  /** What the case shows, for its name. */
  label: string;
  params: Record<string, unknown>;
  /** What the user data must hold afterwards (undefined: the key is gone). */
  userData: Record<string, unknown>;
}

const CASES: Case[] = [
  { operation: 'SetDisposition', label: 'DispositionCode by default', params: { disposition: 'Resolved' }, userData: { DispositionCode: 'Resolved' } },
  { operation: 'SetDisposition', label: 'under the dispositionKey given', params: { disposition: 'Sale', dispositionKey: 'Outcome' }, userData: { Outcome: 'Sale', DispositionCode: undefined } },
  { operation: 'AttachUserData', label: 'new keys added', params: { userData: { Reason: 'Billing', Priority: 2 } }, userData: { Reason: 'Billing', Priority: 2, FirstName: 'Vitaliy' } },
  { operation: 'UpdateUserData', label: 'an existing value replaced', params: { userData: { FirstName: 'Vit' } }, userData: { FirstName: 'Vit', LastName: 'Onv' } },
  { operation: 'DeleteUserData', label: 'keys removed, one not there ignored', params: { keys: ['FirstName', 'NotThere'] }, userData: { FirstName: undefined, LastName: 'Onv' } },
];

/** In the seed's conference agent1 (visible to All) may remove agent2; agent2 (visible to Agents) neither removes nor transfers. */
const IN_SEED: Record<string, string[]> = {
  agent1: [...CHATTING.slice(0, CHATTING.indexOf('Complete') + 1), 'RemoveParticipantFromConference', ...CHATTING.slice(CHATTING.indexOf('Complete') + 1)],
  agent2: CHATTING.filter((c) => c !== 'Transfer'),
};

describe.each(TRANSPORTS)('SetDisposition, user data and AddComment over %s', (transport: Transport) => {
  const world = useWorld(transport);

  test.each(CASES)('$operation, $label: PropertiesUpdated with the new user data to both agents; agent3 nothing', async ({ operation, params, userData }) => {
    expect(await world().ok('agent2', SESSION_ID, operation, params)).toEqual({ statusCode: 0 });
    const referenceId = world().sim.state().lastReferenceId;
    const expected = (user: UserName) => ({ referenceId, facebooksession: { id: SESSION_ID, state: 'Chatting', capabilities: IN_SEED[user] } });

    for (const user of ['agent2', 'agent1'] as const) {
      const got = await world().take(user);
      expect(kinds(got)).toEqual([PROPERTIES_UPDATED]);
      expect(got[0]).toMatchObject(expected(user));
      for (const [key, value] of Object.entries(userData)) expect(got[0].facebooksession.userData[key]).toEqual(value);
    }
    expect(await world().take('agent3')).toEqual([]);
    const view = (await world().view('agent2', SESSION_ID)).facebooksession;
    expect(view).toMatchObject({ state: 'Chatting', capabilities: IN_SEED.agent2 });
    for (const [key, value] of Object.entries(userData)) expect(view.userData[key]).toEqual(value);
  });

  test('AddComment: PropertiesUpdated to both agents; the session keeps the last comment', async () => {
    await world().ok('agent1', SESSION_ID, 'AddComment', { comment: 'first' });
    await world().ok('agent1', SESSION_ID, 'AddComment', { comment: 'Customer asked for a callback' });
    for (const user of ['agent1', 'agent2'] as const) {
      const got = await world().take(user);
      expect(kinds(got)).toEqual([PROPERTIES_UPDATED, PROPERTIES_UPDATED]);
      expect(got.map((n) => n.referenceId)).toEqual([1, 2]);
      expect(got.map((n) => n.facebooksession.comment)).toEqual(['first', 'Customer asked for a callback']);
    }
    expect(await world().take('agent3')).toEqual([]);
    expect((await world().view('agent2', SESSION_ID)).facebooksession.comment).toBe('Customer asked for a callback');
  });

  test('after leaving the chat the properties may still be set, until Complete', async () => {
    const id = await world().chatting('agent3');
    await world().ok('agent3', id, 'Leave');
    await world().skip();
    await world().ok('agent3', id, 'SetDisposition', { disposition: 'Resolved' });
    const got = await world().take('agent3');
    expect(kinds(got)).toEqual([PROPERTIES_UPDATED]);
    expect(got[0].facebooksession).toMatchObject({ state: 'LeftChat', capabilities: LEFT_CHAT, userData: { DispositionCode: 'Resolved' } });
    expect([...(await world().take('agent1')), ...(await world().take('agent2'))]).toEqual([]);
  });

  test.each(['SetDisposition', 'AttachUserData', 'UpdateUserData', 'DeleteUserData', 'AddComment'])(
    '%s is refused while Invited (2), on an unknown session (6) and without its parameters (1)',
    async (operation) => {
      const id = await world().offer('agent3');
      await world().skip();
      const example = CASES.find((c) => c.operation === operation)?.params ?? { comment: 'x' };
      expectRefusal(await world().perform('agent3', id, operation, example), 400, 2, new RegExp(`^Cannot ${operation}: the session is Invited for agent3`));
      expectRefusal(await world().perform('agent1', 'no-such-session', operation, example), 404, 6, /no-such-session/);
      expectRefusal(await world().perform('agent1', SESSION_ID, operation, {}), 400, 1, /^Missing required parameter '\w+'/);
      for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    },
  );

  test.each([
    ['AttachUserData', '{"userData":{"__proto__":{"a":1},"k":"v"}}', 'userData', 'userData.__proto__'],
    ['UpdateUserData', '{"userData":{"k":{"deep":[{"__proto__":"x"}]}}}', 'userData', 'userData.k.deep.0.__proto__'],
    ['SetDisposition', '{"disposition":"Resolved","dispositionKey":"__proto__"}', 'dispositionKey', undefined],
  ])('%s with a __proto__ key (which vanished while answering 0) is statusCode 1 naming it: nothing stored, nobody told', async (operation, body, parameter, at) => {
    const before = (await world().view('agent2', SESSION_ID)).facebooksession.userData;
    const refused = await world().perform('agent2', SESSION_ID, operation, JSON.parse(body));
    expectRefusal(refused, 400, 1, new RegExp(`^Invalid parameter '${parameter}': '__proto__' cannot be a key in gws-sim .*; rename it`));
    if (at) expect(refused.body.statusMessage).toContain(`(at ${at})`);
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    expect((await world().view('agent2', SESSION_ID)).facebooksession.userData).toEqual(before);
    // The same with another key is kept and told.
    await world().ok('agent2', SESSION_ID, operation, JSON.parse(body.replaceAll('__proto__', 'proto')));
    expect(kinds(await world().take('agent1'))).toEqual([PROPERTIES_UPDATED]);
  });
});

