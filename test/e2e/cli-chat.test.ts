import fs from 'node:fs';
import { Cli, killAll, MAIN, run, waitUntil } from '../helpers/cli';

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
});
afterEach(async () => {
  await killAll();
});

describe('gws-sim trigger and customer on chats and on the agent itself', () => {
  test("a routed chat through the agent's day: customer offer --media chat, trigger StartContactCenterSession, Ready, Accept and say without --media", async () => {
    const server = new Cli(['serve', '--port', '0', '--time-scale', '0', '--quiet']);
    const url = await server.listening();
    const listener = new Cli(['listen', '--agent', 'agent2', '--server', url, '--json', '--channel', '/v2/me/chats']);
    await waitUntil(() => listener.stderr.includes('agent2 listening on /v2/me/chats') || !listener.running, () => listener.stderr);

    const offered = await run(['customer', 'offer', '--media', 'chat', '--name', 'Bob', '--text', 'Hi', '--server', url]);
    expect(offered.code).toBe(0);
    const { id, waiting } = JSON.parse(offered.stdout);
    expect(waiting).toBe(true);

    const early = await run(['trigger', 'Ready', '--agent', 'agent2', '--channel', 'chat', '--server', url]);
    expect(early.code).toBe(1);
    expect(JSON.parse(early.stdout)).toMatchObject({ statusCode: 2, statusMessage: expect.stringContaining('not logged in on channel chat') });

    const partial = await run(['trigger', 'StartContactCenterSession', '--agent', 'agent2', '--channels', '["chat","email"]', '--server', url]);
    expect(partial.code).toBe(1);
    expect(JSON.parse(partial.stdout)).toMatchObject({ statusCode: 7, results: [{ channel: 'chat', statusCode: 0 }, { channel: 'email', statusCode: 1 }] });
    // Without --channel: POST /api/v2/me, Ready on every channel the agent is logged in on.
    const ready = await run(['trigger', 'Ready', '--agent', 'agent2', '--server', url]);
    expect([ready.code, JSON.parse(ready.stdout)]).toEqual([0, { statusCode: 0 }]);

    // --media is the session's on the server (issue 24): named explicitly, it is obeyed.
    const onFacebook = await run(['trigger', 'Accept', '--agent', 'agent2', '--session', id, '--media', 'facebook', '--server', url]);
    expect(onFacebook.code).toBe(1);
    expect(JSON.parse(onFacebook.stdout)).toEqual({ statusCode: 6, statusMessage: `No facebooksession ${id}.` });
    const accepted = await run(['trigger', 'Accept', '--agent', 'agent2', '--session', id, '--server', url]);
    expect([accepted.code, JSON.parse(accepted.stdout)]).toEqual([0, { statusCode: 0 }]);
    const said = await run(['customer', 'say', id, '--text', 'Thanks', '--server', url]);
    expect([said.code, JSON.parse(said.stdout)]).toEqual([0, { statusCode: 0 }]);

    await waitUntil(() => listener.stdout.trim().split('\n').length >= 5, () => listener.stdout);
    const lines = listener.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.channel, l.data.messageType, l.data.chat?.state ?? l.data.messages?.[0]?.text])).toEqual([
      ['/v2/me/chats', 'ChatStateChangeMessage', 'Invited'],
      ['/v2/me/chats', 'ChatStateChangeMessage', 'Chatting'],
      ['/v2/me/chats', 'ChatStateChangeMessage', 'Chatting'],
      ['/v2/me/chats', 'MessageLogUpdated', undefined],
      ['/v2/me/chats', 'MessageLogUpdated', 'Thanks'],
    ]);
    listener.signal('SIGINT');
    expect(await listener.waitForExit()).toMatchObject({ code: 0 });
  }, 60_000); // eleven CLI processes, each a Node start-up

  test('a session id the server does not have: the GWS answer, and what the CLI looked for', async () => {
    const server = new Cli(['serve', '--port', '0', '--time-scale', '0', '--quiet']);
    const url = await server.listening();
    for (const args of [
      ['trigger', 'SendMessage', '--agent', 'agent1', '--session', 'no-such-id', '--text', 'Hi'],
      ['customer', 'say', 'no-such-id', '--text', 'Hi'],
    ]) {
      const result = await run([...args, '--server', url]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ statusCode: 6, statusMessage: expect.stringContaining('No facebooksession no-such-id') });
      expect(result.stderr).toContain(`gws-sim: ${url} has no Facebook session, chat nor call with id no-such-id`);
    }
  });

  test.each([
    [['trigger', 'Accept', '--agent', 'agent2'], 'trigger Accept acts on a session: give --session <id>'],
    [['customer', 'offer'], 'customer offer needs --to <agent user name> (only chats and calls, --media chat or voice, are routed without it)'],
    [['trigger', 'Accept', '--agent', 'agent2', '--session', 'x', '--media', 'sms'], 'Invalid values'],
  ])('%j is a usage error (exit 2) saying what to add', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test.each([
    ['trigger', ['--media', '--channel', '--channels', '--noticeText', '--reason', 'StartContactCenterSession', 'Ready --agent agent2 --channel chat']],
    ['customer', ['--media', 'customer offer --media chat']],
  ])('%s --help shows the chat options and an example', async (command, words) => {
    const result = await run([command, '--help']);
    expect(result.code).toBe(0);
    for (const word of words) expect(result.stdout).toContain(word);
  });
});
