import { createSimulator, type Simulator } from '../../src/simulator';
import { waitUntil } from '../helpers/cli';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { launchChromium, startDesktopServer, type DesktopServer } from '../helpers/desktop';
import { readmeExample } from '../helpers/readme';

/**
 * The README's browser quick-start, as written, in Chromium: a page of another origin (a dev server on another
 * loopback port) imports the CometD browser build gws-sim serves at /cometd.js, logs in with Basic, handshakes with
 * the cookie alone and prints agent1's notifications.
 */
const example = readmeExample('browser');
let sim: Simulator;
let desktop: DesktopServer;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  // The README's --allow-origin, for this dev server's origin.
  desktop = await startDesktopServer(() => `<!doctype html><meta charset="utf-8"><title>desktop</title><script type="module">${code()}</script>`);
  sim = await createSimulator({ timeScale: 0, allowOrigins: [desktop.origin] });
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await desktop?.close();
  await sim?.close();
});

/** The example, talking to this test's simulator. */
const code = () => example.code.replaceAll('http://localhost:8090', sim.url);

test('the README example imports /cometd.js from gws-sim and receives the agent\'s notifications', async () => {
  expect(code()).not.toBe(example.code);
  const page = await chromium.context.newPage();
  const console: string[] = [];
  // The dev server has no favicon: the browser's 404 for it is no failure of the example.
  page.on('console', (message) => {
    if (!message.location().url.endsWith('/favicon.ico')) console.push(message.text());
  });
  page.on('pageerror', (error) => console.push(`page error: ${error.message}`));
  try {
    await page.goto(desktop.origin);
    await waitUntil(() => sim.state().cometdClients.some((c) => c.userName === 'agent1' && c.subscriptions.length > 0) || console.some((l) => /failed|error/.test(l)), () => console.join('\n'));
    expect(console[0]).toBe('logged in: agent1');
    const answer = await fetch(`${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('agent1:agent1').toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` }),
    });
    expect(await answer.json()).toEqual({ statusCode: 0 });
    await waitUntil(() => console.length >= 4, () => console.join('\n'));
    const kinds = console.slice(1).map((line) => JSON.parse(line)).map((n) => (n.messages ? n.messages[0].type : n.notificationType));
    expect(kinds).toEqual(['Notice', 'ParticipantsUpdated', 'ParticipantLeft']);
  } finally {
    await page.close();
  }
});

test('/cometd.js is a module any origin may load; no cookie or credentials go with it', async () => {
  const answer = await fetch(`${sim.url}/cometd.js`, { headers: { Origin: 'http://elsewhere.example' } });
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/javascript/);
  expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  expect(await answer.text()).toMatch(/export \{[\s\S]*\bCometD\b/);
});
