import { z } from 'zod';
import { readJsonFile, validate } from '../validation';
import { AgentStateSetting, DEFAULT_AGENT_STATES } from './agent-states';
import defaultFixtureJson from './default-fixture.json';
import { devicesOf } from './families/voice/devices';

/** Ids end up in Bayeux channel names, whose segments allow only these characters. */
const Id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected an id of letters, digits, "-" or "_"');
const Visibility = z.enum(['All', 'Agents']);
/** The message types of a session's log: GWS's (NicknameUpdated: named by SendNicknameUpdatedNotice), and TypingStopped, which no public page shows (modelled). */
export const MESSAGE_TYPES = ['Text', 'Notice', 'CustomNotice', 'ParticipantJoined', 'ParticipantLeft', 'TypingStarted', 'TypingStopped', 'NicknameUpdated'] as const;

/** A phone number as the fixture and the customer's calls give it. */
export const PhoneNumber = z.string().regex(/^\+?[0-9]{1,20}$/, 'expected a phone number: digits, with an optional leading +');

const User = z.strictObject({
  id: Id,
  userName: z.string().min(1),
  password: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** GET /api/v2/me/skills and `subresources=skills` (the fields: modelled). */
  skills: z.array(z.strictObject({ name: z.string().min(1), level: z.number().int().min(0).max(10) })).optional(),
  /** The DN of the user's phone (its device); default 7001, 7002... in the users' order (families/voice/devices.ts). */
  phoneNumber: PhoneNumber.optional(),
});

/** How the simulated telephony behaves (modelled: GWS takes these from its switch and configuration). */
const Voice = z.strictObject({
  /** After-call work after a call is released, in seconds (0: none); then the agent is back in the state it had. */
  wrapUpSeconds: z.number().int().min(0).max(3600).default(5),
  /** How long an outside number rings before the customer answers an outbound call, in ms (0: it waits for `gws-sim customer answer`). */
  answerAfterMs: z.number().int().min(0).max(3_600_000).default(3000),
});

/**
 * The default queues: the Facebook session's suggested queue (its page's id), one for chats, and
 * one for calls, reached on the phone by its routing point's number.
 */
const DEFAULT_QUEUES = [
  { id: '41cc5016-2d18-4a91-93ec-b43748948608', name: 'SocialMediaQueue' },
  { id: 'b7e3c1d2-5a4f-4e6b-9c8d-0a1b2c3d4e5f', name: 'ChatQueue' },
  { id: 'c4d2e8f1-7b3a-4c5d-9e6f-1a2b3c4d5e6f', name: 'VoiceQueue', phoneNumber: '9000' },
];

/** Sections of key/value pairs, as GWS's user settings (modelled: the sections a desktop reads are its own). */
const DEFAULT_SETTINGS = { 'interaction-workspace': { 'chat.auto-answer': 'false', 'login.chat.is-auto-ready': 'false' } };

const Participant = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Customer'), participantId: Id, nickname: z.string(), visibility: Visibility }),
  z.strictObject({
    type: z.literal('Agent'),
    participantId: Id,
    userId: Id,
    nickname: z.string(),
    visibility: Visibility,
  }),
]);

const LogMessage = z.strictObject({
  type: z.enum(MESSAGE_TYPES),
  from: Id.describe('the participantId of the sender'),
  text: z.string().optional(),
  visibility: Visibility,
});

/** What a session of any medium has. */
const sessionFields = {
  id: Id,
  state: z.enum(['Chatting', 'LeftChat', 'Completed']),
  receivedDate: z.string(),
  userData: z.record(z.string(), z.unknown()),
  participants: z.array(Participant).min(1),
  messages: z.array(LogMessage),
};

const Facebooksession = z.strictObject({
  ...sessionFields,
  facebooksessionType: z.string(),
  suggestedQueueIds: z.array(Id),
  capabilities: z.array(z.string()),
  revelantResponseTemplateGroups: z.array(z.unknown()),
});

/** A chat: GWS's chat resource has none of the Facebook session's own fields. */
const Chat = z.strictObject({ ...sessionFields, userData: sessionFields.userData.default({}) });

/** The numbers of the queues' routing points, which no phone's default DN takes. */
export const routingPoints = (fixture: { queues: readonly { phoneNumber?: string }[] }): ReadonlySet<string> =>
  new Set(fixture.queues.flatMap((q) => (q.phoneNumber === undefined ? [] : [q.phoneNumber])));

export const FixtureSchema = z
  .strictObject({
    description: z.string().optional(),
    users: z.array(User).min(1),
    facebooksessions: z.array(Facebooksession),
    chats: z.array(Chat).default([]),
    /** The queues a chat may be consulted or transferred to (queueName, or <base>/api/v2/queues/<id>). */
    queues: z
      .array(
        z.strictObject({
          id: Id,
          name: z.string().min(1),
          /** The number of the queue's routing point: a call transferred or dialed there waits for an agent Ready on voice. */
          phoneNumber: PhoneNumber.optional(),
        }),
      )
      .default(DEFAULT_QUEUES),
    /** The agent states desktops offer (GET /api/v2/settings/agent-states) and userState shows. */
    agentStates: z.array(AgentStateSetting).min(1).default(DEFAULT_AGENT_STATES),
    /** `user.settings` of GET /api/v2/me?subresources=settings: sections of key/value pairs (what the C# client reads). */
    settings: z.record(z.string(), z.record(z.string(), z.unknown())).default(DEFAULT_SETTINGS),
    voice: Voice.default({ wrapUpSeconds: 5, answerAfterMs: 3000 }),
  })
  .superRefine((fixture, ctx) => {
    const unique = (values: string[], what: string, path: (i: number) => PropertyKey[]) => {
      values.forEach((value, i) => {
        if (values.indexOf(value) !== i) ctx.addIssue({ code: 'custom', path: path(i), message: `duplicate ${what} '${value}'` });
      });
    };
    unique(fixture.users.map((u) => u.id), 'user id', (i) => ['users', i, 'id']);
    unique(fixture.users.map((u) => u.userName), 'userName', (i) => ['users', i, 'userName']);
    const devices = devicesOf(fixture.users, routingPoints(fixture));
    unique(devices.map((d) => d.phoneNumber), 'phoneNumber', (i) => ['users', i, 'phoneNumber']);
    unique(fixture.queues.flatMap((q) => (q.phoneNumber === undefined ? [] : [q.phoneNumber])), 'queue phoneNumber', (i) => ['queues', fixture.queues.filter((q) => q.phoneNumber !== undefined).map((q) => fixture.queues.indexOf(q))[i], 'phoneNumber']);
    const phones = new Set(devices.map((d) => d.phoneNumber));
    fixture.queues.forEach((q, i) => {
      if (q.phoneNumber !== undefined && phones.has(q.phoneNumber)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'phoneNumber'], message: `'${q.phoneNumber}' is a user's phone: a queue's routing point needs a number of its own` });
    });
    unique(fixture.agentStates.map((s) => s.id), 'agent state id', (i) => ['agentStates', i, 'id']);
    unique(fixture.queues.map((q) => q.id), 'queue id', (i) => ['queues', i, 'id']);
    unique(fixture.queues.map((q) => q.name), 'queue name', (i) => ['queues', i, 'name']);
    const sessions = [...fixture.facebooksessions.map((s, i) => ['facebooksessions', i, s] as const), ...fixture.chats.map((s, i) => ['chats', i, s] as const)];
    unique(sessions.map(([, , s]) => s.id), 'session id', (i) => [sessions[i][0], sessions[i][1], 'id']);
    const userIds = new Set(fixture.users.map((u) => u.id));
    for (const [list, s, session] of sessions) {
      const participantIds = session.participants.map((p) => p.participantId);
      unique(participantIds, 'participantId', (i) => [list, s, 'participants', i, 'participantId']);
      const agentUserIds = session.participants.map((p) => (p.type === 'Agent' ? p.userId : `customer ${p.participantId}`));
      unique(agentUserIds, 'agent userId (a user takes part in a session once)', (i) => [list, s, 'participants', i, 'userId']);
      session.participants.forEach((p, i) => {
        if (p.type === 'Agent' && !userIds.has(p.userId)) {
          ctx.addIssue({
            code: 'custom',
            path: [list, s, 'participants', i, 'userId'],
            message: `expected the id of a user in $.users, found '${p.userId}'`,
          });
        }
      });
      session.messages.forEach((m, i) => {
        if (!participantIds.includes(m.from)) {
          ctx.addIssue({
            code: 'custom',
            path: [list, s, 'messages', i, 'from'],
            message: `expected a participantId of this session (${participantIds.join(', ')}), found '${m.from}'`,
          });
        }
      });
    }
  });

export type Fixture = z.infer<typeof FixtureSchema>;
export type User = Fixture['users'][number];
export type FixtureSession = Fixture['facebooksessions'][number];
export type FixtureChat = Fixture['chats'][number];
export type Participant = FixtureSession['participants'][number];
export type AgentParticipant = Extract<Participant, { type: 'Agent' }>;
export type LogMessage = FixtureSession['messages'][number];

export const DEFAULT_FIXTURE_NAME = '(embedded default fixture)';

export function loadFixture(file?: string): Fixture {
  if (!file) return validate(FixtureSchema, { file: DEFAULT_FIXTURE_NAME, value: defaultFixtureJson });
  return validate(FixtureSchema, readJsonFile(file));
}
