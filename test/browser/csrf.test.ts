import { createSimulator, type Simulator } from '../../src/simulator';
import { SESSION_ID } from '../helpers/default-fixture';
import { launchChromium, startDesktopServer, type DesktopServer } from '../helpers/desktop';

/** The page's global object, as the page script sees it (the test is compiled without the DOM library). */
declare const document: any;

/**
 * Same-site CSRF without --csrf: the tester logged in to gws-sim in Chromium (its JSESSIONID
 * cookie is in the browser), then opens a page on another port of 127.0.0.1, an origin that is
 * not allowed. That page is the same *site*, so the browser sends the cookie with its requests;
 * the ones it may send without a CORS preflight (a `no-cors` fetch, a text/plain form) must not
 * perform anything as the agent.
 */
let sim: Simulator;
let attacker: DesktopServer;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  attacker = await startDesktopServer();
  sim = await createSimulator({ timeScale: 0 });
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await sim?.close();
  await attacker?.close();
});

const messageTexts = () => sim.state().facebooksessions.find((s) => s.id === SESSION_ID)!.messages.map((m) => m.text);

/** agent1 logs in on gws-sim's own origin: the browser keeps the JSESSIONID cookie (for 127.0.0.1, any port). */
async function logInAsAgent1(): Promise<void> {
  const page = await chromium.context.newPage();
  try {
    await page.goto(`${sim.url}/api/v2/me`, { waitUntil: 'load' }).catch(() => {}); // a 401 page; any page of the origin will do
    const status = await page.evaluate(async () => (await fetch('/api/v2/me', { headers: { Authorization: `Basic ${btoa('agent1:agent1')}` } })).status);
    expect(status).toBe(200);
    expect((await chromium.context.cookies(sim.url)).map((c) => c.name)).toContain('JSESSIONID');
  } finally {
    await page.close();
  }
}

beforeEach(async () => {
  sim.reset();
  await logInAsAgent1();
});

test("a no-cors fetch from another port cannot SendMessage with the agent's cookie", async () => {
  const page = await chromium.context.newPage();
  try {
    await page.goto(attacker.origin);
    await page.evaluate(
      async ({ url }) => {
        await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body: JSON.stringify({ operationName: 'SendMessage', text: 'sent by a no-cors fetch' }) });
      },
      { url: `${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}` },
    );
    // The fetch resolved once the answer came: the operation was refused or performed by then.
    expect(messageTexts()).not.toContain('sent by a no-cors fetch');
  } finally {
    await page.close();
  }
});

test("a text/plain form from another port cannot SendMessage with the agent's cookie; the answer says what to send", async () => {
  const page = await chromium.context.newPage();
  try {
    await page.goto(attacker.origin);
    // enctype text/plain posts `name=value`: a name that opens a JSON string and a value that closes it make a JSON body.
    const navigation = page.waitForNavigation({ url: `${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}` });
    await page.evaluate(
      ({ url }) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = url;
        form.enctype = 'text/plain';
        const input = document.createElement('input');
        input.name = '{"operationName":"SendMessage","text":"sent by a form","pad":"';
        input.value = '"}';
        form.appendChild(input);
        document.body.appendChild(form);
        form.submit();
      },
      { url: `${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}` },
    );
    const answer = await navigation;
    expect(answer?.status()).toBe(415);
    expect(await answer?.json()).toEqual({
      statusCode: 1,
      statusMessage: "The request body was sent with Content-Type 'text/plain'; GWS reads JSON bodies only: send it with Content-Type: application/json.",
    });
    expect(messageTexts()).not.toContain('sent by a form');
  } finally {
    await page.close();
  }
});

test('the same page cannot send JSON: the preflight is refused, nothing is performed', async () => {
  const page = await chromium.context.newPage();
  try {
    await page.goto(attacker.origin);
    const outcome = await page.evaluate(
      async ({ url }) => {
        try {
          await fetch(url, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ operationName: 'SendMessage', text: 'sent as JSON' }) });
          return 'answered';
        } catch {
          return 'blocked';
        }
      },
      { url: `${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}` },
    );
    expect(outcome).toBe('blocked');
    expect(messageTexts()).not.toContain('sent as JSON');
  } finally {
    await page.close();
  }
});
