import { createSimulator, type Simulator } from '../../src/simulator';
import { TestAgent, TRANSPORTS, type Received, type Transport } from '../helpers/agent';
import { basic } from '../helpers/rest';

/**
 * The start-up and event handling of three public clients written by Genesys staff for GWS,
 * replayed against gws-sim: their REST queries and operations as they send them, their
 * subscriptions (the C# library's one `/**`, the others' topics) and the dispatch on
 * `messageType` / `notificationType` they make. Each dispatch below restates what the client
 * does, so a notification it would ignore fails the test.
 */

/** A REST client with a cookie store and GWS's CSRF header, as the iOS sample's NSURLSession and the C# library keep them. */
class GwsHttp {
  private cookie?: string;
  private csrf?: { header: string; token: string };
  constructor(
    private readonly base: string,
    private readonly user: string,
  ) {}

  async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
    const headers: Record<string, string> = { Authorization: basic(this.user, this.user) };
    if (this.cookie) headers.Cookie = this.cookie;
    if (this.csrf) headers[this.csrf.header] = this.csrf.token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('JSESSIONID='));
    if (set) this.cookie = set.split(';')[0];
    const header = response.headers.get('X-CSRF-HEADER');
    if (header && response.headers.get(header)) this.csrf = { header, token: response.headers.get(header)! };
    return response.json();
  }
}

/** The iOS sample and the JavaScript module accept statusCode 0 and 7 (partial success) as success. */
const succeeded = (answer: { statusCode: number }) => answer.statusCode === 0 || answer.statusCode === 7;

let sim: Simulator;
const clients: TestAgent[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  await sim?.close();
});

async function connect(transport: Transport, user: string, topics: string[]): Promise<TestAgent> {
  const client = await TestAgent.login(sim.url, transport, user);
  clients.push(client);
  for (const topic of topics) expect((await client.subscribe(topic)).successful).toBe(true);
  return client;
}

/** Waits for the next messages of `client` and hands each to `dispatch`, in order. */
async function deliver(client: TestAgent, seen: { n: number }, count: number, dispatch: (message: Received) => void): Promise<void> {
  const received = await client.waitFor(seen.n + count);
  for (const message of received.slice(seen.n)) dispatch(message);
  seen.n += count;
}

describe.each(TRANSPORTS)('clients written by Genesys staff, over %s', (transport: Transport) => {
  test('the C# client library: user with settings sections, StartContactCenterSession, Ready on /api/v2/me, channels by messageType, a chat matched by chatPath', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const http = new GwsHttp(sim.url, 'agent2');
    const client = await connect(transport, 'agent2', ['/**']);

    // GenesysUser: GET /api/v2/me?subresources=*, then user.settings as sections of key/value pairs.
    const { user } = await http.call('GET', '/api/v2/me?subresources=*');
    const settings = Object.fromEntries(Object.entries(user.settings as Record<string, unknown>).map(([section, pairs]) => [section, pairs as Record<string, unknown>]));
    expect(Object.values(settings).every((pairs) => pairs !== null && typeof pairs === 'object' && !Array.isArray(pairs))).toBe(true);
    expect([user.userName, user.roles, user.devices.map((d: { phoneNumber: string }) => d.phoneNumber)]).toEqual(['agent2', ['ROLE_AGENT'], ['7002']]);

    // GenesysChannels: only ChannelStateChangeMessageV2, keyed by each channel's name.
    const channels = new Map<string, any>();
    const chats = new Map<string, any[]>();
    const seen = { n: 0 };
    const dispatch = ({ data }: Received) => {
      if (data.messageType === 'ChannelStateChangeMessageV2') for (const c of data.channels) channels.set(c.channel, c);
      else if (data.messageType === 'ChatStateChangeMessage') chats.set(data.chat.id, [...(chats.get(data.chat.id) ?? []), data.chat.state]);
      else if (data.messageType === 'MessageLogUpdated') {
        const id = [...chats.keys()].find((chatId) => data.chatPath === `/chats/${chatId}`);
        if (id) chats.set(id, [...chats.get(id)!, `messages:${data.messages.length}`]);
      }
    };

    expect(await http.call('POST', '/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['chat'] })).toEqual({ statusCode: 0 });
    await deliver(client, seen, 1, dispatch);
    expect(channels.get('chat').userState).toMatchObject({ state: 'NotReady', id: expect.any(String), displayName: 'Not Ready' });
    // DoOperation("Ready"): POST /api/v2/me {operationName}.
    expect(await http.call('POST', '/api/v2/me', { operationName: 'Ready' })).toEqual({ statusCode: 0 });
    await deliver(client, seen, 1, dispatch);
    expect(channels.get('chat').userState).toMatchObject({ state: 'Ready', displayName: 'Ready' });

    const { id } = (await (await fetch(`${sim.url}/sim/chats`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"customer":"Ann","text":"Hi"}' })).json()) as { id: string };
    await deliver(client, seen, 1, dispatch);
    expect(await http.call('POST', `/api/v2/me/chats/${id}`, { operationName: 'Accept' })).toEqual({ statusCode: 0 });
    await deliver(client, seen, 3, dispatch);
    expect(chats.get(id)).toEqual(['Invited', 'Chatting', 'Chatting', 'messages:3']);
    expect(await http.call('POST', `/api/v2/me/chats/${id}`, { operationName: 'Complete' })).toEqual({ statusCode: 0 });
    await deliver(client, seen, 1, dispatch);
    expect(await http.call('POST', '/api/v2/me', { operationName: 'EndContactCenterSession' })).toEqual({ statusCode: 0 });
    await deliver(client, seen, 1, dispatch);
    expect(channels.get('chat').userState.state).toBe('LoggedOut');
  });

  test('the JavaScript agent-state module: the agent states from the settings, set per channel and for all; agent.state from ChannelStateChangeMessageV2', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const http = new GwsHttp(sim.url, 'agent3');
    const client = await connect(transport, 'agent3', ['/v2/me/channels']);
    const emitted: any[] = [];
    const onChannelMessage = ({ data }: Received) => {
      if (data.messageType === 'ChannelStateChangeMessageV2') for (const channel of data.channels) emitted.push(channel.userState);
    };
    const seen = { n: 0 };

    // getAgentStateOperations(): the states a desktop offers, each posted by its operationName.
    const { settings } = await http.call('GET', '/api/v2/settings/agent-states');
    const lunch = settings.find((s: { displayName: string }) => s.displayName === 'Lunch');
    expect(succeeded(await http.call('POST', '/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['chat'] }))).toBe(true);
    await deliver(client, seen, 1, onChannelMessage);
    // setAgentState(operationName, channel) and setAgentStateAll(operationName).
    expect(await http.call('POST', '/api/v2/me/channels/chat', { operationName: 'Ready' })).toEqual({ statusCode: 0 });
    expect(await http.call('POST', '/api/v2/me/channels/chat', { operationName: lunch.operationName })).toEqual({ statusCode: 0 });
    expect(await http.call('POST', '/api/v2/me', { operationName: 'AfterCallWork' })).toEqual({ statusCode: 0 });
    expect(await http.call('POST', '/api/v2/me', { operationName: 'Ready' })).toEqual({ statusCode: 0 });
    await deliver(client, seen, 4, onChannelMessage);
    expect(emitted.map((u) => `${u.state}:${u.displayName}`)).toEqual(['NotReady:Not Ready', 'Ready:Ready', 'NotReady:Lunch', 'NotReady:AfterCallWork', 'Ready:Ready']);
    expect(emitted[2]).toEqual({ id: lunch.id, displayName: 'Lunch', state: 'NotReady', workMode: 'AuxWork', reason: 'Lunch' });
  });

  test('the iOS "HTCC Sample": a subscription per topic, the CSRF header and cookie kept, channels and chats by messageType and notificationType', async () => {
    sim = await createSimulator({ timeScale: 0, csrf: true });
    const http = new GwsHttp(sim.url, 'agent1');
    const client = await connect(transport, 'agent1', ['/v2/me/devices', '/v2/me/channels', '/v2/me/calls', '/v2/me/chats', '/v2/me/emails']);
    const me = { channels: [] as any[], chats: new Map<string, any>(), log: [] as string[] };
    const dispatch = ({ channel, data }: Received) => {
      if (channel === '/v2/me/channels' && data.messageType === 'ChannelStateChangeMessageV2') me.channels = data.channels;
      if (channel === '/v2/me/chats' && typeof data.notificationType === 'string') {
        if (['StatusChange', 'ParticipantsUpdated', 'PropertiesUpdated'].includes(data.notificationType)) me.chats.set(data.chat.id, data.chat);
        // NewMessages has no id: the sample takes the last path component of chatUri.
        if (data.notificationType === 'NewMessages') me.log.push(`${String(data.chatUri).split('/').at(-1)}:${data.messages.length}`);
      }
    };
    const seen = { n: 0 };

    expect(succeeded(await http.call('GET', '/api/v2/me?subresources=*'))).toBe(true);
    // Once subscribed: StartContactCenterSession; channel states per channel.
    expect(succeeded(await http.call('POST', '/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['chat', 'voice'] }))).toBe(true);
    expect(await http.call('POST', '/api/v2/me/channels/chat', { operationName: 'Ready' })).toEqual({ statusCode: 0 });
    // Its chat channel twice, and its phone (voice) once, on /v2/me/devices.
    await deliver(client, seen, 3, dispatch);
    expect(me.channels).toMatchObject([{ channel: 'chat', userState: { state: 'Ready' } }]);

    const id = '0000Na9B26EF002X';
    expect(await http.call('POST', `/api/v2/me/chats/${id}`, { operationName: 'SendMessage', text: 'Hello' })).toEqual({ statusCode: 0 });
    expect(await http.call('POST', `/api/v2/me/chats/${id}`, { operationName: 'AttachUserData', userData: { Reason: 'Order' } })).toEqual({ statusCode: 0 });
    await deliver(client, seen, 2, dispatch);
    expect(me.log).toEqual([`${id}:1`]);
    expect(me.chats.get(id)).toMatchObject({ id, state: 'Chatting', userData: { Reason: 'Order' } });
  });
});
