import path from 'node:path';
import { loadOperationStream, SCENARIOS_DIR } from '../../../src/scenario/loader';
import { loadScenario } from '../../../src/scenario/script';
import { FileError } from '../../../src/validation';
import { SESSION_ID } from '../../helpers/default-fixture';
import { tempFolder, thrown } from '../../helpers/files';

const files = tempFolder('gws-sim-script-chat-');
const SERVER = 'http://127.0.0.1:9999';
const CHAT_ID = '0000Na9B26EF002X';

function script(steps: unknown[]): string {
  return files.write(JSON.stringify({ agents: { agent1: {}, agent2: {} }, steps }, null, 2));
}

describe("scripts on chats and on the agent's day", () => {
  it.each(['chat-arrival-to-complete.json', 'chat-consult-remove-complete.json', 'chat-transfer.json', 'chat-reject.json', 'agent-day.json'])('the shipped %s loads', (name) => {
    const loaded = loadScenario(path.join(SCENARIOS_DIR, name));
    expect(loaded.steps(SERVER).length).toBeGreaterThan(5);
  });

  it("knows each session's medium: the fixture's chat, a chat an offer makes, a Facebook session", () => {
    const loaded = loadScenario(
      script([
        { offer: '*', media: 'chat', session: 'routed' },
        { offer: 'agent1', session: 'arrival' },
        { perform: 'Accept', as: 'agent1', session: 'routed' },
        { perform: 'SendCustomNotice', as: 'agent1', session: CHAT_ID, params: { noticeText: 'x' } },
        { perform: 'StartContactCenterSession', as: 'agent2', params: { channels: ['chat'] } },
        { perform: 'Ready', as: 'agent2', channel: 'chat' },
      ]),
    );
    expect(['routed', 'arrival', CHAT_ID, SESSION_ID].map(loaded.mediaOf)).toEqual(['chat', 'facebook', 'chat', 'facebook']);
    expect(loaded.steps(SERVER).slice(4)).toEqual([
      { kind: 'perform', perform: 'StartContactCenterSession', as: 'agent2', params: { channels: ['chat'] } },
      { kind: 'perform', perform: 'Ready', as: 'agent2', channel: 'chat', params: {} },
    ]);
  });

  it.each<[string, unknown[], RegExp]>([
    ['a routed Facebook offer', [{ offer: '*', session: 's' }], /\$\.steps\[0\]\.offer \(line \d+\): Facebook sessions are not routed: name the agent/],
    ['Ready without a channel', [{ perform: 'Ready', as: 'agent1' }], /\$\.steps\[0\]\.channel \(line \d+\): Ready acts on one of the agent's channels: give "channel"/],
    ['StartContactCenterSession on a session', [{ perform: 'StartContactCenterSession', as: 'agent1', session: CHAT_ID }], /\$\.steps\[0\]\.session \(line \d+\): StartContactCenterSession acts on the agent, not on a session/],
    ['Accept without a session', [{ perform: 'Accept', as: 'agent1' }], /\$\.steps\[0\]\.session \(line \d+\): Accept acts on a session: give "session"/],
    ['a channel on a session operation', [{ perform: 'Accept', as: 'agent1', session: CHAT_ID, channel: 'chat' }], /\$\.steps\[0\]\.channel \(line \d+\): Accept takes no channel/],
    ['a chat operation on a Facebook session', [{ perform: 'SendCustomNotice', as: 'agent1', session: SESSION_ID }], /\$\.steps\[0\]\.perform \(line \d+\): SendCustomNotice is not an operation on a facebooksession; its operations: Accept, /],
    ['an unknown medium', [{ offer: 'agent1', media: 'sms', session: 's' }], /\$\.steps\[0\]\.media \(line \d+\): Invalid option: expected one of "facebook"\|"chat"/],
  ])('refuses %s, naming the JSON path and what to do', (_what, steps, message) => {
    expect(thrown(FileError, () => loadScenario(script(steps))).message).toMatch(message);
  });
});

describe('stream files of the agent-state operations', () => {
  const stream = (body: Record<string, unknown>) =>
    files.write(JSON.stringify({ operation: 'Ready', templates: { c: { channels: '{{channels}}', who: '{{user.userName}}' } }, streams: { agent: [{ afterMs: 0, send: 'c' }] }, ...body }));

  it('have no medium, and their templates see the agent and its channels', () => {
    expect(loadOperationStream(stream({})).media).toBeUndefined();
    expect(thrown(FileError, () => loadOperationStream(stream({ media: 'chat' }))).message).toMatch(/\$\.media \(line \d+\): Ready is an operation on the agent itself, of no medium: leave "media" out/);
    expect(thrown(FileError, () => loadOperationStream(stream({ templates: { c: { s: '{{session.id}}' } } }))).message).toMatch(
      /\{\{session\.id\}\} starts with an unknown name 'session'; expected one of operation, user, channels, device, now/,
    );
  });
});
