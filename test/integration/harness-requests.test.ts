import { createSimulator, type Simulator } from '../../src';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';

/** The harness reads the request journal: sim.requests(), sim.waitForRequest(), sim.verify() with near misses. */
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const REMOVE = 'RemoveParticipantFromConference';

describe('assertions on what the desktop sent', () => {
  test('one line each: the operation with its params, the subscription, the login over REST', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent1 = await sim.agent('agent1');
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: `/users/${AGENT2_ID}` });

    const [removal] = sim.verify({ operation: REMOVE, agent: 'agent1', session: SESSION_ID, params: { targetPath: `/users/${AGENT2_ID}` } }, { times: 1 });
    expect(removal).toMatchObject({ type: 'rest', method: 'POST', status: 200, statusCode: 0 });
    sim.verify({ channel: '/meta/subscribe', subscription: '/v2/notifications', agent: 'agent1' }, { times: 1 });
    sim.verify({ channel: '/meta/handshake', agent: 'agent1', successful: true });
    expect(sim.requests({ type: 'bayeux', agent: 'agent1' }).map((e) => (e.type === 'bayeux' ? e.channel : ''))).toEqual(
      expect.arrayContaining(['/meta/handshake', '/meta/connect', '/meta/subscribe']),
    );
    expect(sim.requests({ agent: 'agent2' })).toEqual([]);
    expect(sim.requests().length).toBeGreaterThanOrEqual(4);
  });

  test('verify() fails with the closest requests and what differed in each', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent1 = await sim.agent('agent1');
    await agent1.perform('SendMessage', SESSION_ID, { text: 'Hello there' });
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: '/users/nobody' });

    let failure: Error | undefined;
    try {
      sim.verify({ operation: 'SendMessage', params: { text: 'Hello' } });
    } catch (error) {
      failure = error as Error;
    }
    expect(failure?.message).toMatch(/^sim\.verify\(\): expected at least one request matching operation=SendMessage params=\{"text":"Hello"\}, found 0 \(of \d+ journaled\); the closest:\n/);
    expect(failure?.message).toMatch(/\n {2}#\d+ \S+ agent1 POST \/api\/v2\/me\/facebooksessions\/0002EaAY01MT0082 SendMessage: HTTP 200, statusCode 0\n {6}params\.text: expected "Hello", received "Hello there"\n/);
    expect(failure?.message).toMatch(/operation: expected "SendMessage", received "RemoveParticipantFromConference"/);

    expect(() => sim!.verify({ operation: 'SendMessage' }, { times: 2 })).toThrow(/expected exactly 2 requests matching operation=SendMessage, found 1/);
    expect(() => sim!.verify({ operation: REMOVE, statusCode: 0 })).toThrow(/statusCode: expected 0, received \d+/);
    expect(sim.verify({ operation: 'Accept' }, { times: 0 })).toEqual([]);
  });

  test('waitForRequest() resolves with a request still to come, or one that came; rejects with the closest', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent2 = await sim.agent('agent2');
    const waiting = sim.waitForRequest({ operation: 'Accept', agent: 'agent2' }, { timeoutMs: 10_000 });
    const chat = sim.offer({ offerTo: 'agent2', media: 'chat' });
    await agent2.perform('Accept', { chat });
    await expect(waiting).resolves.toMatchObject({ operation: 'Accept', session: chat, statusCode: 0 });
    await expect(sim.waitForRequest({ session: chat })).resolves.toMatchObject({ operation: 'Accept' });

    const late = sim.waitForRequest({ operation: 'Complete', session: chat }, { timeoutMs: 50 });
    await expect(late).rejects.toThrow(/^sim\.waitForRequest\(\): none within 50 ms: expected at least one request matching operation=Complete session=\S+, found 0 .*the closest:\n.*Accept: HTTP 200, statusCode 0\n {6}operation: expected "Complete", received "Accept"/s);
  });

  test('a filter with a mistake is refused, naming it', async () => {
    sim = await createSimulator({ timeScale: 0 });
    expect(() => sim!.requests({ opration: 'Accept' } as never)).toThrow("sim.requests(): no filter 'opration'; filters: type, agent, method, path, operation");
    expect(() => sim!.verify({ operation: 'Accept', channel: '/meta/connect' })).toThrow(/operation is a field of REST requests and channel one of Bayeux messages/);
    expect(() => sim!.verify({ params: { 'a..b': 1 } })).toThrow(/params\.a\.\.b: 'a\.\.b' is not a field path/);
    expect(() => sim!.verify({}, { times: -1 })).toThrow('times must be an integer >= 0');
    await expect(sim.waitForRequest({ statusCode: 'zero' as never })).rejects.toThrow(/sim\.waitForRequest\(\): statusCode: /);
  });
});
