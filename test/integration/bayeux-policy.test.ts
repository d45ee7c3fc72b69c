import WebSocket from 'ws';
import { createSimulator, type Simulator } from '../../src/simulator';
import { TestAgent, TRANSPORTS, type Credentials, type Transport } from '../helpers/agent';
import { AGENT2_ID } from '../helpers/default-fixture';

let sim: Simulator;
const agents: TestAgent[] = [];

beforeEach(async () => {
  sim = await createSimulator({ timeScale: 0 });
});

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.disconnect()));
  await sim.close();
});

async function connect(transport: Transport, credentials: Credentials) {
  const agent = await TestAgent.connect(sim.url, transport, credentials);
  agents.push(agent);
  return agent;
}

/** A raw Bayeux exchange over HTTP, for what the CometD client would never send. */
async function bayeuxPost(body: string) {
  const response = await fetch(`${sim.url}/api/v2/notifications`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

describe.each(TRANSPORTS)('handshake over %s', (transport) => {
  test.each<[string, Credentials]>([
    ['a wrong password in ext', { via: 'ext', user: 'agent1', password: 'wrong' }],
    ['an unknown user in ext', { via: 'ext', user: 'nobody', password: 'nobody' }],
    ['no credentials at all', { via: 'none' }],
  ])('%s is denied with 403::Handshake denied and reconnect none', async (_name, credentials) => {
    const agent = await connect(transport, credentials);
    expect(agent.handshakeReply).toMatchObject({ successful: false, error: '403::Handshake denied', advice: { reconnect: 'none' } });
    expect((agent.handshakeReply.ext as any).authentication.failure).toEqual(expect.any(String));
    expect(agent.cometd.getStatus()).toBe('disconnected'); // the client does not retry
    expect(sim.state().cometdClients).toEqual([]);
  });

  test('good credentials in ext bind the client to its agent', async () => {
    const agent = await connect(transport, { via: 'ext', user: 'agent2', password: 'agent2' });
    expect(agent.handshakeReply.successful).toBe(true);
    // Only what is served: no callback-polling (JSON-P) or eventsource, which are refused.
    expect(agent.handshakeReply.supportedConnectionTypes).toEqual(['websocket', 'long-polling', 'cross-origin-long-polling']);
    expect(sim.state().cometdClients).toEqual([expect.objectContaining({ clientId: agent.handshakeReply.clientId, userName: 'agent2' })]);
  });

  test.each(['/v2/other', '/v2/*', '/*', '/v2/me/chats/x', `/gws-sim/${AGENT2_ID}/v2/notifications`, `/gws-sim/${AGENT2_ID}/**`, '/gws-sim/**', '/service/x'])(
    'subscribing to %s is refused',
    async (channel) => {
      const agent = await connect(transport, { via: 'ext', user: 'agent1', password: 'agent1' });
      const reply = await agent.subscribe(channel);
      expect(reply).toMatchObject({ successful: false, error: `403:${channel}:Subscription denied` });
    },
  );

  test.each(['/v2/notifications', '/v2/me/facebooksession', `/gws-sim/${AGENT2_ID}/notifications`, '/anything'])(
    'publishing on %s is refused and reaches nobody',
    async (channel) => {
      const victim = await connect(transport, { via: 'ext', user: 'agent2', password: 'agent2' });
      expect((await victim.subscribe('/v2/notifications')).successful).toBe(true);
      const attacker = await connect(transport, { via: 'ext', user: 'agent1', password: 'agent1' });
      const reply = await attacker.publish(channel, { messageType: 'Forged' });
      expect(reply).toMatchObject({ successful: false, error: `403:${channel}:Publish denied` });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(victim.inbox).toEqual([]);
    },
  );
});

describe('handshake credentials over long-polling', () => {
  test('an HTTP Basic header authenticates; a wrong one is denied', async () => {
    const good = await connect('long-polling', { via: 'basic', user: 'agent1', password: 'agent1' });
    expect(good.handshakeReply.successful).toBe(true);
    const bad = await connect('long-polling', { via: 'basic', user: 'agent1', password: 'agent2' });
    expect(bad.handshakeReply).toMatchObject({ successful: false, error: '403::Handshake denied', advice: { reconnect: 'none' } });
  });

  test('the JSESSIONID cookie from GET /api/v2/me authenticates; an unknown one is denied', async () => {
    const me = await fetch(`${sim.url}/api/v2/me`, { headers: { Authorization: `Basic ${Buffer.from('agent2:agent2').toString('base64')}` } });
    const cookie = (me.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^JSESSIONID=\w+$/);
    const good = await connect('long-polling', { via: 'cookie', cookie });
    expect(good.handshakeReply.successful).toBe(true);
    expect(sim.state().cometdClients).toEqual([expect.objectContaining({ userName: 'agent2' })]);
    const bad = await connect('long-polling', { via: 'cookie', cookie: 'JSESSIONID=NOTASESSION' });
    expect(bad.handshakeReply).toMatchObject({ successful: false, error: '403::Handshake denied' });
  });
});

describe('raw Bayeux the CometD client would not send', () => {
  test.each([
    ['/meta/subscribe', { subscription: '/v2/notifications' }],
    ['/meta/unsubscribe', { subscription: '/v2/notifications' }],
    ['/meta/connect', { connectionType: 'long-polling' }],
    ['/meta/disconnect', {}],
  ])('%s with an unknown clientId is answered 402::Unknown client, advice handshake, as CometD servers do', async (channel, fields) => {
    const { status, text } = await bayeuxPost(JSON.stringify([{ channel, clientId: 'forged', id: '1', ...fields }]));
    expect(status).toBe(200);
    const [reply] = JSON.parse(text);
    expect(reply).toMatchObject({ channel, id: '1', successful: false, error: '402::Unknown client', advice: { reconnect: 'handshake', interval: 0 } });
    expect(reply.clientId).toBeUndefined();
  });

  test('a handshake reply carries minimumVersion', async () => {
    const { text } = await bayeuxPost(JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }]));
    expect(JSON.parse(text)[0]).toMatchObject({ minimumVersion: '1.0' });
  });

  test('a handshake offering only connection types that are not served is refused with 301', async () => {
    const reply = JSON.parse(
      (await bayeuxPost('[{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["callback-polling", "eventsource"], "id": "1"}]')).text,
    );
    expect(reply).toEqual([
      expect.objectContaining({
        successful: false,
        error: '301:callback-polling,eventsource:Connection types not supported; gws-sim serves websocket, long-polling, cross-origin-long-polling',
      }),
    ]);
    expect(sim.state().cometdClients).toEqual([]);
  });

  test('garbage is answered with an error and the server goes on', async () => {
    expect((await bayeuxPost('{not json')).status).toBe(400);
    expect((await bayeuxPost('"a string"')).status).toBe(400);
    const noChannel = await bayeuxPost('[{"id": "1"}, {"id": "2", "channel": 42}]');
    expect(JSON.parse(noChannel.text)).toEqual([
      expect.objectContaining({ id: '1', successful: false }),
      expect.objectContaining({ id: '2', successful: false }),
    ]);

    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const replies: unknown[] = [];
    const twoReplies = new Promise<void>((resolve) =>
      socket.on('message', (frame) => {
        replies.push(...JSON.parse(String(frame)));
        if (replies.length === 2) resolve();
      }),
    );
    socket.send('[{"channel": 42, "id": "a"}]');
    socket.send('[{"id": "b"}]');
    await twoReplies;
    expect(replies).toEqual([
      expect.objectContaining({ id: 'a', successful: false, error: expect.any(String) }),
      expect.objectContaining({ id: 'b', successful: false, error: expect.any(String) }),
    ]);
    socket.close();

    const agent = await connect('websocket', { via: 'ext', user: 'agent1', password: 'agent1' });
    expect(agent.handshakeReply.successful).toBe(true);
  });
});
