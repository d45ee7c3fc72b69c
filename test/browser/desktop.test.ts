import { createSimulator, type Simulator } from '../../src/simulator';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { launchChromium, startDesktopServer, type DesktopServer } from '../helpers/desktop';
import { checkLiveTimes, expectedStreams } from '../helpers/seed';

/** The page's global object, as the page script sees it (the test is compiled without the DOM library). */
declare const window: any;

/**
 * An agent desktop as a web page of another origin (a dev server on another loopback port), in
 * Chromium with the official CometD browser build: REST login with Basic, a handshake authenticated
 * by the JSESSIONID cookie alone, the operation performed from the page, agent1's notifications
 * checked in the page; over websocket and over long-polling.
 */
let sim: Simulator;
let desktop: DesktopServer;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  desktop = await startDesktopServer();
  sim = await createSimulator({ timeScale: 0, allowOrigins: [desktop.origin] });
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await sim?.close();
  await desktop?.close();
});

describe.each(['websocket', 'long-polling'])('a desktop page over %s', (transport) => {
  test('logs in, handshakes with its cookie, removes agent2 and receives agent1\'s notifications', async () => {
    sim.reset();
    const page = await chromium.context.newPage();
    try {
      await page.goto(desktop.origin);
      await page.waitForFunction(() => window.ready === true);
      const from = Date.now();
      const result = await page.evaluate(
        async ({ api, transport, session, target }) => {
          const basic = `Basic ${btoa('agent1:agent1')}`;
          const me: any = await (await fetch(`${api}/api/v2/me`, { credentials: 'include', headers: { Authorization: basic } })).json();
          const cometd = new window.CometD();
          for (const type of cometd.getTransportTypes()) if (type !== transport) cometd.unregisterTransport(type);
          cometd.configure({ url: `${api}/api/v2/notifications`, logLevel: 'warn' });
          const handshake: any = await new Promise((resolve) => cometd.handshake(resolve));
          const received: any[] = [];
          const subscribed: any = await new Promise((resolve) => cometd.subscribe('/v2/notifications', (m: any) => received.push(m.data), resolve));
          const answer: any = await (
            await fetch(`${api}/api/v2/me/facebooksessions/${session}`, {
              method: 'POST',
              credentials: 'include',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/${target}` }),
            })
          ).json();
          const deadline = Date.now() + 10_000;
          while (received.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
          const kinds = received.map((n) => (n.messages ? n.messages.map((m: any) => m.type).join() : n.notificationType));
          const inPage = JSON.stringify(kinds) === JSON.stringify(['Notice', 'ParticipantsUpdated', 'ParticipantLeft']) && received[0].messages[0].text === `REMOVE_PARTICIPANT_FROM_CONFERENCE${target}`;
          await new Promise((resolve) => cometd.disconnect(resolve));
          return { me, transportUsed: cometd.getTransport()?.getType?.() ?? transport, handshake, subscribed, answer, kinds, inPage, received };
        },
        { api: sim.url, transport, session: SESSION_ID, target: AGENT2_ID },
      );
      expect(result.me.statusCode).toBe(0);
      expect(result.handshake).toMatchObject({ successful: true });
      expect(result.subscribed).toMatchObject({ successful: true });
      expect(result.answer).toEqual({ statusCode: 0 });
      expect(result.kinds).toEqual(['Notice', 'ParticipantsUpdated', 'ParticipantLeft']);
      expect(result.inPage).toBe(true);
      const { agent1 } = expectedStreams(sim.url, 1);
      expect(result.received.map((n: any) => checkLiveTimes(n, from, Date.now()))).toEqual(agent1);
    } finally {
      await page.close();
    }
  });
});
