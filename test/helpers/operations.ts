import type { Agent } from '../../src/client/agent';
import { familyNamed, type MediaName } from '../../src/gws/families';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator';
import { kind, type Transport } from './agent';
import { rest, type RestResponse } from './rest';

/** The agents of the default fixture (password = user name), each logged in over a real CometD client. */
export const USERS = ['agent1', 'agent2', 'agent3'] as const;
export type UserName = (typeof USERS)[number];

/** A stream message as the tests read it: its type, author's nickname, text and visibility. */
export interface MessageSummary {
  type: string;
  from: string;
  text?: string;
  noticeText?: string;
  visibility: string;
}

/**
 * A simulator at time scale 0 with agent1..agent3 connected over `transport`, and what a GWS client
 * and the customer do over REST. `take(user)` settles the simulator first (everything sent has
 * arrived), so an empty answer proves that the agent was sent nothing.
 */
export class World {
  private readonly taken = new Map<UserName, number>();

  private constructor(
    readonly sim: Simulator,
    readonly agents: Record<UserName, Agent>,
    /** The medium of the sessions perform, customer and view act on. */
    readonly media: MediaName,
  ) {}

  static async start(transport: Transport, media: MediaName = 'facebook', options: SimulatorOptions = {}): Promise<World> {
    const sim = await createSimulator({ timeScale: 0, ...options });
    const agents = {} as Record<UserName, Agent>;
    for (const user of USERS) agents[user] = await sim.agent(user, { transport });
    return new World(sim, agents, media);
  }

  private get collection(): string {
    return familyNamed(this.media).collection;
  }

  /** POST /api/v2/me/facebooksessions/{id} (or /chats/{id}) as `user`, with Basic auth. */
  perform(user: UserName, sessionId: string, operationName: string, params: Record<string, unknown> = {}): Promise<RestResponse> {
    return rest(this.sim.url).post(`/api/v2/me/${this.collection}/${encodeURIComponent(sessionId)}`, { operationName, ...params }, { user, password: user });
  }

  /** POST /api/v2/me as `user` (StartContactCenterSession, EndContactCenterSession). */
  me(user: UserName, operationName: string, params: Record<string, unknown> = {}): Promise<RestResponse> {
    return rest(this.sim.url).post('/api/v2/me', { operationName, ...params }, { user, password: user });
  }

  /** POST /api/v2/me/channels/{channel} as `user` (Ready, NotReady). */
  onChannel(user: UserName, channel: string, operationName: string, params: Record<string, unknown> = {}): Promise<RestResponse> {
    return rest(this.sim.url).post(`/api/v2/me/channels/${encodeURIComponent(channel)}`, { operationName, ...params }, { user, password: user });
  }

  /** `user` logs in on chat and is Ready there: routing offers it chats. */
  async readyOnChat(user: UserName): Promise<void> {
    for (const response of [await this.me(user, 'StartContactCenterSession', { channels: ['chat'] }), await this.onChannel(user, 'chat', 'Ready')]) {
      if (response.body?.statusCode !== 0) throw new Error(`${user} Ready on chat: ${response.text}`);
    }
  }

  /** `perform` that must succeed: returns the answer. */
  async ok(user: UserName, sessionId: string, operationName: string, params: Record<string, unknown> = {}): Promise<any> {
    const response = await this.perform(user, sessionId, operationName, params);
    if (response.status !== 200 || response.body?.statusCode !== 0) throw new Error(`${user} ${operationName}: ${response.status} ${response.text}`);
    return response.body;
  }

  /** What the customer does: POST /sim/facebooksessions (route '') or /sim/facebooksessions/{id}/<route> (or /sim/chats...). */
  customer(sessionId: string | undefined, route: string, body: Record<string, unknown> = {}): Promise<RestResponse> {
    const path = sessionId === undefined ? `/sim/${this.collection}` : `/sim/${this.collection}/${encodeURIComponent(sessionId)}/${route}`;
    return rest(this.sim.url).post(path, body);
  }

  /** A new session offered to `user` by customer Alice; returns its id. */
  async offer(user: UserName, text = 'Hello, my order is late'): Promise<string> {
    const response = await this.customer(undefined, '', { offerTo: user, customer: 'Alice', text });
    if (response.body?.statusCode !== 0) throw new Error(`offer to ${user}: ${response.text}`);
    return response.body.id as string;
  }

  /** A new session offered to `user` and accepted: `user` chats with Alice. */
  async chatting(user: UserName): Promise<string> {
    const id = await this.offer(user);
    await this.ok(user, id, 'Accept');
    return id;
  }

  /** GET /api/v2/me/facebooksessions/{id} (or /chats/{id}) as `user`: the session as that agent sees it. */
  async view(user: UserName, sessionId: string): Promise<any> {
    const response = await rest(this.sim.url).get(`/api/v2/me/${this.collection}/${encodeURIComponent(sessionId)}`, { user, password: user });
    return response.body;
  }

  /** Settles, then returns the notifications `user` received since the previous take(). */
  async take(user: UserName): Promise<any[]> {
    await this.sim.settled();
    const all = this.agents[user].notifications as any[];
    const from = this.taken.get(user) ?? 0;
    this.taken.set(user, all.length);
    return all.slice(from);
  }

  /** Forgets what every agent received so far: the next take() starts here. */
  async skip(): Promise<void> {
    for (const user of USERS) await this.take(user);
  }

  close(): Promise<void> {
    return this.sim.close();
  }
}

/** A fresh World for each test of the describe block, closed after it: `const world = useWorld(transport)`, then `world()`. */
export function useWorld(transport: Transport, media: MediaName = 'facebook', options: SimulatorOptions = {}): () => World {
  let world: World | undefined;
  beforeEach(async () => {
    world = await World.start(transport, media, options);
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });
  return () => {
    if (!world) throw new Error('useWorld(): the World exists only inside a test');
    return world;
  };
}

export const kinds = (notifications: readonly any[]): string[] => notifications.map(kind);

export function messagesOf(notification: any): MessageSummary[] {
  return (notification.messages as any[]).map((m) => ({
    type: m.type,
    from: m.from?.nickname,
    ...(m.text === undefined ? {} : { text: m.text }),
    ...(m.noticeText === undefined ? {} : { noticeText: m.noticeText }),
    visibility: m.visibility,
  }));
}

/** The session a state-change notification carries, of either medium. */
export const resourceOf = (notification: any): any => notification.facebooksession ?? notification.chat;

export const nicknames = (notification: any): string[] => resourceOf(notification).participants.map((p: any) => `${p.nickname}:${p.visibility}`);

/** The REST refusal's exact GWS body, and the HTTP status it goes with. */
export function expectRefusal(response: RestResponse, status: number, statusCode: number, message: RegExp): void {
  expect(response.status).toBe(status);
  expect(Object.keys(response.body).sort()).toEqual(['statusCode', 'statusMessage']);
  expect(response.body.statusCode).toBe(statusCode);
  expect(response.body.statusMessage).toMatch(message);
}

/** The capabilities, in the registry's order, of groups of operations. */
const SAYING = ['SendMessage', 'SendToAgents', 'SendStartTypingNotification', 'SendStopTypingNotification'];
const PROPERTIES = ['SetDisposition', 'AttachUserData', 'UpdateUserData', 'DeleteUserData', 'AddComment'];
/** The capabilities of an agent chatting alone with the customer, visible to All. */
export const CHATTING = [...SAYING, 'Consult', 'Transfer', 'Leave', 'Complete', ...PROPERTIES];
/** After leaving the chat (or the customer left): the properties and Complete. */
export const LEFT_CHAT = ['Complete', ...PROPERTIES];
/** A chat's chatting agent may also send a custom notice (chats alone). */
export const CHAT_CHATTING = [
  ...CHATTING,
  'SendCustomNotice',
  'SendCustomNoticeToAgents',
  'SendStartTypingToAgentsNotification',
  'SendStopTypingToAgentsNotification',
  'SendNicknameUpdatedNotice',
];
