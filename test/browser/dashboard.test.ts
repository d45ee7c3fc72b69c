import type { Page } from 'playwright-core';
import { createSimulator, type Simulator } from '../../src/simulator';
import { AGENT1_ID, AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { launchChromium } from '../helpers/desktop';

/**
 * The dashboard in Chromium (Debian's, through playwright-core), on a simulator in GWS's CSRF mode
 * (the page drives /sim, which --csrf does not guard): the fixture, the live timeline of a removal
 * performed over REST, the controls reaching real CometD clients, faults, reset, the admin token.
 */
let sim: Simulator;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

const AGENT1_STREAM = ['Notice', 'ParticipantsUpdated', 'ParticipantLeft'];
const AGENT2_STREAM = ['StatusChange', 'ParticipantLeft', 'StatusChange', 'StatusChange'];

beforeAll(async () => {
  sim = await createSimulator({ csrf: true });
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await sim?.close();
});

beforeEach(async () => {
  sim.reset();
  sim.clearFaults();
  page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, `${sim.url}/`);
});

afterEach(async () => {
  await page?.close();
});

async function open(p: Page, url: string): Promise<void> {
  await p.goto(url);
  await p.waitForSelector('#feed-status.status-live');
  await p.waitForSelector(`[data-session="${SESSION_ID}"]`);
}

interface Row {
  id: number;
  type: string;
  agent: string;
  kind: string;
  marks: string;
}

/** The timeline's lines as the page shows them, oldest first. */
const rows = (p: Page): Promise<Row[]> =>
  p.$$eval('#timeline li.event', (items: any[]) =>
    items.map((li) => ({ id: Number(li.dataset.id), type: li.dataset.type, agent: li.dataset.agent, kind: li.dataset.kind, marks: li.dataset.marks })),
  );

/** Waits until the timeline holds `count` lines of `type`, at most `timeoutMs`. */
async function waitForRows(p: Page, type: string, count: number, timeoutMs = 5000): Promise<void> {
  await p.waitForFunction(([t, n]) => (globalThis as any).document.querySelectorAll(`#timeline li.event[data-type="${t}"]`).length >= n, [type, count] as const, { timeout: timeoutMs });
}

const text = (p: Page, selector: string) => p.$eval(selector, (element: any) => element.textContent as string);

test('shows the default fixture: agents, the session with its participants, log and userData; an agent that connects appears with its transport', async () => {
  expect(await page.$$eval('.agent', (cards: any[]) => cards.map((c) => [c.dataset.agent, c.dataset.connected]))).toEqual([
    ['agent1', 'false'],
    ['agent2', 'false'],
    ['agent3', 'false'],
  ]);
  const session = `[data-session="${SESSION_ID}"]`;
  expect(await text(page, `${session} summary`)).toMatch(/0002EaAY01MT0082\s*Chatting\s*facebooksession · VitaliyOnv/);
  expect(await page.$$eval(`${session} .people li`, (items: any[]) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()))).toEqual([
    'VitaliyOnv · Customer · visible to All',
    'TestName agent1 · Agent · visible to All · Chatting',
    'ConsultingAgent agent2 · Agent · visible to Agents · Chatting',
  ]);
  expect(await page.$$eval(`${session} .log li`, (items: any[]) => items.length)).toBe(4);
  expect(await text(page, `${session} .kv`)).toContain('agent1SendMessage, SendToAgents');
  expect(await page.$$eval(`${session} dl.kv`, (lists: any[]) => lists[1].textContent)).toContain('FromAddress');

  const agent2 = await sim.agent('agent2', { transport: 'long-polling' });
  try {
    await page.waitForSelector('.agent[data-agent="agent2"][data-connected="true"] .transport.t-long-polling');
    const clientId = sim.state().cometdClients.find((c) => c.userName === 'agent2')!.clientId;
    expect(await text(page, '.agent[data-agent="agent2"] .client code')).toBe(`${clientId.slice(0, 8)}…`);
  } finally {
    await agent2.disconnect();
  }
});

test('the removal performed over REST appears on the timeline within a second of its sending: the operation, then all 7 notifications in order', async () => {
  const agent1 = await sim.agent('agent1');
  const agent2 = await sim.agent('agent2', { transport: 'long-polling' });
  try {
    expect(await agent1.perform('RemoveParticipantFromConference', SESSION_ID, { targetPath: `/users/${AGENT2_ID}` })).toEqual({ statusCode: 0 });
    await sim.expect({ agent1: AGENT1_STREAM, agent2: AGENT2_STREAM });
    await waitForRows(page, 'notification', 7, 1000);
  } finally {
    await agent1.disconnect();
    await agent2.disconnect();
  }
  const lines = (await rows(page)).filter((r) => r.type === 'notification' || r.type === 'operation');
  expect(lines[0]).toMatchObject({ type: 'operation', agent: 'agent1', kind: 'RemoveParticipantFromConference', marks: 'REST' });
  const notifications = lines.slice(1);
  expect(notifications.filter((r) => r.agent === 'agent1').map((r) => r.kind)).toEqual(AGENT1_STREAM);
  expect(notifications.filter((r) => r.agent === 'agent2').map((r) => r.kind)).toEqual(AGENT2_STREAM);
  // In the order they were sent, each with when it was due and sent (its title says both in full).
  const timings = await page.$$eval('#timeline li.event[data-type="notification"] .timing', (spans: any[]) => spans.map((s) => s.title as string));
  const sent = timings.map((title) => /, sent (\d\d:\d\d:\d\d\.\d{3}) \(-?\d+ ms after\)$/.exec(title)?.[1]);
  expect(sent.every((t) => t !== undefined)).toBe(true);
  expect([...sent].sort()).toEqual(sent);
  expect(timings[0]).toMatch(/^#1 for agent1: due \d\d:\d\d:\d\d\.\d{3}, sent /);
  expect(await text(page, '#timeline li.event[data-type="notification"] .fields')).toBe(`${SESSION_ID}TestName “REMOVE_PARTICIPANT_FROM_CONFERENCE${AGENT2_ID.slice(0, 25)}…” (agents only)`);

  // A click shows the notification's JSON, as sent, with its stamp.
  await page.click('#timeline li.event[data-type="notification"][data-agent="agent2"] button');
  const shown = JSON.parse(await text(page, '#event-json'));
  // sim.agent() subscribes to /v2/notifications: that is the channel its client received it on (issue 24), not the topic.
  expect(shown).toEqual({
    channel: '/v2/notifications',
    data: expect.objectContaining({ notificationType: 'StatusChange', facebooksession: expect.objectContaining({ id: SESSION_ID, state: 'Chatting' }) }),
    ext: { gwsSim: { seq: 1, dueAt: expect.any(Number), sentAt: expect.any(Number) } },
  });
  expect(await text(page, '#details-title')).toBe('StatusChange to agent2, #1');
  const agent2Client = (await page.$$eval('#event-received-on [data-client]', (spans: any[]) => spans.map((s) => [s.dataset.client, s.textContent.trim()])));
  expect(agent2Client).toEqual([[expect.any(String), expect.stringMatching(/^client \S{8}… on \/v2\/notifications$/)]]);
});

test('each client is shown with the channel it received a notification on: the topic for a client subscribed to it', async () => {
  const agent1 = await sim.agent('agent1', { channel: '/v2/me/*' });
  const agent1Everything = await sim.agent('agent1');
  try {
    expect(await agent1.perform('RemoveParticipantFromConference', SESSION_ID, { targetPath: `/users/${AGENT2_ID}` })).toEqual({ statusCode: 0 });
    await waitForRows(page, 'notification', 3);
    await page.click('#timeline li.event[data-type="notification"][data-agent="agent1"] button');
    const byClient = Object.fromEntries(await page.$$eval('#event-received-on [data-client]', (spans: any[]) => spans.map((s) => [s.dataset.client, s.textContent.trim()])));
    const clientOf = (agent: typeof agent1) => sim.state().cometdClients.find((c) => c.subscriptions.includes(agent === agent1 ? '/v2/me/*' : '/v2/notifications'))!.clientId;
    expect(byClient).toEqual({
      [clientOf(agent1)]: `client ${clientOf(agent1).slice(0, 8)}… on /v2/me/facebooksession`,
      [clientOf(agent1Everything)]: `client ${clientOf(agent1Everything).slice(0, 8)}… on /v2/notifications`,
    });
  } finally {
    await agent1.disconnect();
    await agent1Everything.disconnect();
  }
});

test("a new session is listed first, above the fixture's; a userData of many keys starts folded", async () => {
  const id = sim.offer({ offerTo: 'agent1', customer: 'Alice', text: 'Hi' });
  await page.waitForSelector(`[data-session="${id}"]`);
  expect(await page.$$eval('.sessions li.card', (cards: any[]) => cards.map((c) => c.dataset.session))).toEqual([id, '0000Na9B26EF002X', SESSION_ID]);
  const top = await page.$eval(`[data-session="${id}"]`, (card: any) => card.getBoundingClientRect().top as number);
  expect(top).toBeLessThan(800); // in the first screen, not 6,600 px down
  const folded = `[data-session="${SESSION_ID}"] details.user-data`;
  expect(await page.$eval(folded, (d: any) => d.open)).toBe(false);
  expect(await text(page, `${folded} summary`)).toMatch(/userData\s*81 keys/);
  await page.click(`${folded} summary`);
  expect(await page.$eval(folded, (d: any) => d.open)).toBe(true);
  expect(await page.$eval(`[data-session="0000Na9B26EF002X"] details.user-data`, (d: any) => d.open)).toBe(true);
});

test('the page follows operations by the feed: 20 messages show in the log without one more read of the whole /sim/state', async () => {
  const agent1 = await sim.agent('agent1');
  try {
    // Its transport shows once the page has read the state after the client's events: that read is over.
    await page.waitForSelector('.agent[data-agent="agent1"][data-connected="true"] .transport');
    // A client's handshake and subscribe may each have asked for a read: the second follows the first after a pause.
    await page.waitForTimeout(1500);
    // A big state read on every event blocked the server: notifications were 214 ms late.
    const stateReads: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/sim/state') stateReads.push(request.url());
    });
    for (let i = 1; i <= 20; i++) expect(await agent1.perform('SendMessage', SESSION_ID, { text: `message ${i}` })).toEqual({ statusCode: 0 });
    await page.waitForFunction((s) => (globalThis as any).document.querySelectorAll(`${s} .log li`).length === 24, `[data-session="${SESSION_ID}"]`);
    await waitForRows(page, 'notification', 20);
    expect(await page.$eval(`[data-session="${SESSION_ID}"] .log li:last-child`, (li: any) => li.textContent)).toContain('message 20');
    expect(stateReads).toEqual([]);
  } finally {
    await agent1.disconnect();
  }
});

test('notifications held for an agent with no subscriber, and those a fault delays, show under their agent; the held ones on the timeline', async () => {
  const agent1 = await sim.agent('agent1');
  sim.fault('delay:agent1:1:3000');
  expect(await agent1.perform('RemoveParticipantFromConference', SESSION_ID, { targetPath: `/users/${AGENT2_ID}` })).toEqual({ statusCode: 0 });
  try {
    const agent2Card = '.agent[data-agent="agent2"] .warn';
    await page.waitForFunction((s) => (globalThis as any).document.querySelector(s)?.textContent === 'held (no subscriber): StatusChange, ParticipantLeft, StatusChange, StatusChange', agent2Card);
    await page.waitForFunction(() => /^delayed by a fault \(the first until \d\d:\d\d:\d\d\.\d{3}\): Notice, ParticipantsUpdated, ParticipantLeft$/.test((globalThis as any).document.querySelector('.agent[data-agent="agent1"] .warn')?.textContent ?? ''));
    await waitForRows(page, 'held', 4);
    expect((await rows(page)).filter((r) => r.type === 'held').map((r) => [r.agent, r.kind, r.marks])).toEqual(AGENT2_STREAM.map((kind) => ['agent2', kind, 'held']));

    const agent2 = await sim.agent('agent2');
    try {
      await agent2.waitFor(4);
      await waitForRows(page, 'notification', 4);
      expect((await rows(page)).filter((r) => r.type === 'notification').map((r) => [r.agent, r.kind, r.marks])).toEqual(AGENT2_STREAM.map((kind) => ['agent2', kind, 'held']));
      await page.waitForSelector(agent2Card, { state: 'detached' });
    } finally {
      await agent2.disconnect();
    }
  } finally {
    await agent1.disconnect();
  }
});

test('filters by agent and by session', async () => {
  const agent1 = await sim.agent('agent1');
  const agent3 = await sim.agent('agent3');
  try {
    const offered = sim.offer({ offerTo: 'agent3', customer: 'Alice', text: 'Hi' });
    expect(await agent1.perform('SendMessage', SESSION_ID, { text: 'hello' })).toEqual({ statusCode: 0 });
    await sim.expect({ agent1: ['Text'], agent3: ['StatusChange'] });
    await waitForRows(page, 'notification', 2);
    await waitForRows(page, 'held', 1); // agent2's Text: it has no CometD client
    await page.selectOption('#filter-agent', 'agent3');
    expect((await rows(page)).every((r) => r.agent === 'agent3')).toBe(true);
    expect((await rows(page)).filter((r) => r.type === 'notification').map((r) => r.kind)).toEqual(['StatusChange']);
    await page.selectOption('#filter-agent', '');
    await page.selectOption('#filter-session', SESSION_ID);
    // A request row is the harness's first POST, refused for want of the CSRF token it then learns
    // (the sim runs with csrf): a refused request is shown, the journal's rows have a test of their own.
    expect((await rows(page)).filter((r) => r.type !== 'request').map((r) => [r.type, r.agent, r.kind])).toEqual([
      ['operation', 'agent1', 'SendMessage'],
      ['notification', 'agent1', 'Text'],
      ['held', 'agent2', 'Text'],
    ]);
    await page.selectOption('#filter-session', offered);
    // sim.offer() is the customer's arrival, on the timeline as POST /sim/facebooksessions is
    expect((await rows(page)).map((r) => [r.type, r.agent, r.kind])).toEqual([
      ['operation', 'customer', 'Offer'],
      ['notification', 'agent3', 'StatusChange'],
    ]);
  } finally {
    await agent1.disconnect();
    await agent3.disconnect();
  }
});

test('a customer\'s arrival, a customer message and an operation performed from the page reach real CometD clients', async () => {
  const agent1 = await sim.agent('agent1');
  const agent3 = await sim.agent('agent3', { transport: 'long-polling' });
  try {
    await page.fill('#offer-offerTo', 'agent3');
    await page.fill('#offer-customer', 'Alice');
    await page.click('#offer button[type="submit"]');
    await page.waitForSelector('#offer output.answer.ok');
    const offered = (await text(page, '#offer output.answer')).replace(/^statusCode 0 · id /, '');
    expect(offered).toMatch(/^gws-sim-/);
    await expect(agent3.next({ kind: 'StatusChange', match: { 'facebooksession.id': offered, 'facebooksession.state': 'Invited' } })).resolves.toBeDefined();

    await page.selectOption('#customer-session', SESSION_ID);
    await page.selectOption('#customer-operation', 'CustomerMessage');
    await page.fill('#customer-text', 'Hello from the dashboard');
    await page.click('#customer button[type="submit"]');
    await expect(agent1.next({ kind: 'Text', match: { 'messages[0].text': 'Hello from the dashboard', 'messages[0].from.nickname': 'VitaliyOnv' } })).resolves.toBeDefined();
    expect(await text(page, '#customer output.answer')).toBe('statusCode 0');

    await page.selectOption('#operation-agent', 'agent1');
    await page.selectOption('#operation-session', SESSION_ID);
    await page.selectOption('#operation-operation', 'AttachUserData');
    await page.fill('#operation-userData', '{"Reason": "Billing"}');
    await page.click('#operation button[type="submit"]');
    await expect(agent1.next({ kind: 'PropertiesUpdated', match: { 'facebooksession.userData.Reason': 'Billing' } })).resolves.toBeDefined();
    expect(await text(page, '#operation output.answer')).toBe('statusCode 0');

    // A refusal is shown as the simulator words it, and on the timeline.
    await page.selectOption('#operation-operation', 'Accept');
    await page.click('#operation button[type="submit"]');
    await page.waitForSelector('#operation output.answer.refused');
    expect(await text(page, '#operation output.answer')).toMatch(/^statusCode 2: Cannot Accept: the session is Chatting for agent1/);
    await page.waitForSelector('#timeline li.event.tone-refused[data-kind="Accept"]');
  } finally {
    await agent1.disconnect();
    await agent3.disconnect();
  }
});

test('a fault armed from the page fires and is marked on the timeline; it can be cleared', async () => {
  const agent1 = await sim.agent('agent1');
  const agent2 = await sim.agent('agent2');
  try {
    await page.selectOption('#fault-example', 'duplicate:agent1:1');
    expect(await page.inputValue('#fault-spec')).toBe('duplicate:agent1:1');
    await page.click('#faults button[type="submit"]');
    await page.waitForSelector('#faults .armed li[data-spec="duplicate:agent1:1"]');
    await page.fill('#fault-spec', 'delay:agent2:1:300');
    await page.click('#faults button[type="submit"]');
    await page.waitForSelector('#faults .armed li[data-spec="delay:agent2:1:300"]');

    expect(await agent1.perform('RemoveParticipantFromConference', SESSION_ID, { targetPath: `/users/${AGENT2_ID}` })).toEqual({ statusCode: 0 });
    await sim.expect({ agent1: ['Notice', 'Notice', ...AGENT1_STREAM.slice(1)], agent2: AGENT2_STREAM });
    await waitForRows(page, 'notification', 7);
    await waitForRows(page, 'fault', 2);
    const lines = await rows(page);
    expect(lines.filter((r) => r.type === 'fault').map((r) => [r.agent, r.kind, r.marks]).sort()).toEqual([
      ['agent1', 'fault duplicate', 'duplicate:agent1:1'],
      ['agent2', 'fault delay', 'delay:agent2:1:300'],
    ]);
    const notifications = lines.filter((r) => r.type === 'notification');
    expect(notifications.find((r) => r.agent === 'agent1' && r.kind === 'Notice')!.marks).toBe('duplicate ×2');
    expect(notifications.find((r) => r.agent === 'agent2' && r.kind === 'StatusChange')!.marks).toBe('delay');
    expect(notifications.filter((r) => r.marks !== '')).toHaveLength(2);

    await page.click('#faults button.quiet');
    await page.waitForSelector('#faults .armed', { state: 'detached' });
    expect(sim.state().faults.armed).toEqual([]);
  } finally {
    await agent1.disconnect();
    await agent2.disconnect();
  }
});

test('reset from the page empties the timeline and brings the fixture back', async () => {
  expect(await (await fetch(`${sim.url}/sim/agents/agent1/facebooksessions/${SESSION_ID}`, {
    method: 'POST',
    body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetUri: `${sim.url}/api/v2/users/${AGENT2_ID}` }),
  })).json()).toEqual({ statusCode: 0 });
  await page.waitForSelector('#timeline li.event[data-type="operation"]');
  await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.people li.gone').length === 1);

  await page.click('#reset');
  await page.waitForSelector('#timeline li.empty');
  expect(await rows(page)).toEqual([]);
  expect(await text(page, '#timeline li.empty')).toMatch(/^Reset at \d\d:\d\d:\d\d\.\d{3}: nothing since\.$/);
  await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.people li.gone').length === 0);
  expect(sim.state().facebooksessions[0].participants as unknown[]).toHaveLength(3);
  // A page opened now starts from the reset too.
  const late = await chromium.context.newPage();
  try {
    await open(late, `${sim.url}/`);
    expect(await rows(late)).toEqual([]);
  } finally {
    await late.close();
  }
});

/** Where the three panels are, and how wide the document is. */
const layoutOf = (p: Page) =>
  p.evaluate(() => {
    const d = (globalThis as any).document;
    const box = (selector: string) => d.querySelector(selector).getBoundingClientRect() as { top: number; bottom: number; left: number; right: number; width: number };
    return { scrollWidth: d.documentElement.scrollWidth as number, timeline: box('.timeline'), controls: box('.controls'), agents: box('.agents') };
  });

test('is usable at 800 px wide: one column, nothing wider than the window, the controls reachable', async () => {
  await page.setViewportSize({ width: 800, height: 800 });
  const layout = await layoutOf(page);
  expect(layout.scrollWidth).toBeLessThanOrEqual(800);
  expect(layout.timeline.width).toBeGreaterThan(700);
  expect(layout.controls.top).toBeGreaterThanOrEqual(layout.timeline.bottom);
  expect(layout.agents.top).toBeGreaterThanOrEqual(layout.controls.bottom);
  await page.fill('#operation-text', 'typed at 800 px');
  await page.click('#operation button[type="submit"]');
  await page.waitForSelector('#operation output.answer.ok');
  // At 1280 x 800: three columns side by side, within the window.
  await page.setViewportSize({ width: 1280, height: 800 });
  const wide = await layoutOf(page);
  expect(wide.scrollWidth).toBeLessThanOrEqual(1280);
  expect(wide.agents.right).toBeLessThanOrEqual(wide.timeline.left);
  expect(wide.timeline.right).toBeLessThanOrEqual(wide.controls.left);
  expect(wide.timeline.bottom).toBeLessThanOrEqual(800);
});

describe('with an admin token', () => {
  let guarded: Simulator;
  beforeAll(async () => {
    guarded = await createSimulator({ timeScale: 0, adminToken: 'browser-s3cret' });
  });
  afterAll(() => guarded?.close());

  test('/?token= once: the page and its live feed work on the HttpOnly cookie, and the token leaves the address bar', async () => {
    const other = await chromium.context.newPage();
    try {
      await other.goto(`${guarded.url}/`);
      expect(await other.textContent('h1')).toBe('gws-sim dashboard: refused');
      await open(other, `${guarded.url}/?token=browser-s3cret`);
      expect(other.url()).toBe(`${guarded.url}/`);
      expect(await other.evaluate(() => (globalThis as any).document.cookie)).toBe('');
      const agent1 = await guarded.agent('agent1');
      try {
        await agent1.perform('SendMessage', SESSION_ID, { text: 'behind a token' });
        await waitForRows(other, 'notification', 1);
      } finally {
        await agent1.disconnect();
      }
      expect((await rows(other)).filter((r) => r.type === 'notification').map((r) => [r.agent, r.kind])).toEqual([['agent1', 'Text']]);
    } finally {
      await other.close();
    }
  });
});

test("the agent's day from the page: agent3 logs in on chat and goes Ready (shown under Agents, told to its client); a chat offered without offerTo then reaches it", async () => {
  const agent3 = await sim.agent('agent3');
  try {
    await page.selectOption('#agent-state-agent', 'agent3');
    await page.selectOption('#agent-state-operation', 'StartContactCenterSession');
    await page.fill('#agent-state-channels', '["chat"]');
    await page.click('#agent-state button[type="submit"]');
    await page.waitForSelector('#agent-state output.answer.ok');
    await page.waitForSelector('.agent[data-agent="agent3"] .chip[data-channel="chat"].channel-NotReady');
    await page.selectOption('#agent-state-channel', 'chat');
    await page.selectOption('#agent-state-operation', 'Ready');
    await page.click('#agent-state button[type="submit"]');
    await page.waitForSelector('.agent[data-agent="agent3"] .chip[data-channel="chat"].channel-Ready');
    await expect(agent3.waitFor({ kind: 'ChannelStateChangeMessageV2', match: { 'channels[0].userState.state': 'Ready' } })).resolves.toBeDefined();

    // A chat's arrival from the page, with no offerTo: routed to agent3, the one agent Ready on chat.
    expect(await page.$$eval('#offer-operation option', (options: any[]) => options.map((o) => o.textContent))).toEqual(['Offer (facebook)', 'Offer (chat)', 'Offer (voice)']);
    await page.selectOption('#offer-operation', 'Offer (chat)');
    await page.fill('#offer-customer', 'Bob');
    await page.click('#offer button[type="submit"]');
    await page.waitForSelector('#offer output.answer.ok');
    await expect(agent3.waitFor({ kind: 'StatusChange', match: { 'chat.state': 'Invited', 'chat.participants[0].nickname': 'Bob' } })).resolves.toBeDefined();
  } finally {
    await agent3.disconnect();
  }
});

test('the operation form suggests the users for a target', async () => {
  await page.selectOption('#operation-operation', 'RemoveParticipantFromConference');
  const suggestions = await page.$$eval('#users-paths option', (options: any[]) => options.map((o) => [o.value, o.label]));
  expect(suggestions).toEqual(expect.arrayContaining([[`/users/${AGENT1_ID}`, 'agent1'], [`/users/${AGENT2_ID}`, 'agent2']]));
  expect(await page.getAttribute('#operation-targetPath', 'list')).toBe('users-paths');
});

describe('voice', () => {
  const phone = (agent: string) => `.agent[data-agent="${agent}"] .phone`;
  /** Fills the form's fields (selects and inputs, in order: the operation before its parameters), sends it, and expects statusCode 0 and the path it was posted to. */
  const perform = async (form: string, fields: Record<string, string>): Promise<string> => {
    for (const [field, value] of Object.entries(fields)) {
      const selector = `#${form}-${field}`;
      if ((await page.$eval(selector, (element: any) => element.tagName)) === 'SELECT') await page.selectOption(selector, value);
      else await page.fill(selector, value);
    }
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click(`#${form} button[type="submit"]`)]);
    expect(await response.json()).toEqual({ statusCode: 0 });
    return new URL(response.url()).pathname;
  };

  test("a customer calls agent1, who answers over REST: the call under agent1 and on its card, held from the page, hung up by the customer from the page: Released, after-call work on the phone", async () => {
    expect(await page.$$eval('.agent .phone', (lines: any[]) => lines.map((l) => [l.dataset.phone, l.dataset.voice, l.dataset.dnd]))).toEqual([
      ['7001', 'LoggedOut', 'false'],
      ['7002', 'LoggedOut', 'false'],
      ['7003', 'LoggedOut', 'false'],
    ]);
    const agent1 = await sim.agent('agent1');
    try {
      await perform('agent-state', { agent: 'agent1', operation: 'StartContactCenterSession', channels: '["voice"]' });
      await page.waitForSelector(`${phone('agent1')}[data-voice="NotReady"]`);
      await perform('agent-state', { channel: 'voice', operation: 'Ready' });
      await page.waitForSelector(`${phone('agent1')}[data-voice="Ready"]`);
      // Voice shows on the phone, not among the channel chips.
      expect(await page.$$('.agent[data-agent="agent1"] .chip[data-channel="voice"]')).toHaveLength(0);

      await page.selectOption('#offer-operation', 'Offer (voice)');
      await page.fill('#offer-from', '+14155550100');
      await page.fill('#offer-offerTo', 'agent1');
      await page.click('#offer button[type="submit"]');
      await page.waitForSelector('#offer output.answer.ok');
      const ringing = await agent1.waitFor({ kind: 'StatusChange', match: { 'call.state': 'Ringing' } });
      const [{ call: { id: callId, connId } }] = ringing as any[];
      const underAgent = `.agent[data-agent="agent1"] .calls li[data-call="${callId}"]`;
      await page.waitForSelector(`${underAgent}[data-state="Ringing"]`);
      expect((await text(page, underAgent)).replace(/\s+/g, ' ').trim()).toBe(`Ringing ${callId} Inbound · +14155550100 → 7001`);

      expect(await agent1.perform('Answer', { call: callId } as never)).toEqual({ statusCode: 0 });
      await page.waitForSelector(`${underAgent}[data-state="Established"]`);
      const card = `[data-session="${connId}"]`;
      // Newest first, as sessions are: the call above the fixture's sessions.
      expect(await page.$eval('.sessions .card', (first: any) => first.dataset.session)).toBe(connId);
      expect(await text(page, `${card} summary`)).toMatch(new RegExp(`${connId}\\s*on the line\\s*call · Inbound · \\+14155550100 → 7001`));
      expect(await page.$$eval(`${card} .people li`, (items: any[]) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()))).toEqual([
        '+14155550100 · Customer',
        `7001 agent1 · call ${callId} · Established`,
      ]);

      // The agent's operation from the page acts on agent1's own call; mute shows under the agent.
      expect(await perform('operation', { agent: 'agent1', session: connId, operation: 'Hold' })).toBe(`/sim/agents/agent1/calls/${callId}`);
      await page.waitForSelector(`${underAgent}[data-state="Held"]`);
      await perform('operation', { operation: 'Retrieve' });
      await perform('operation', { operation: 'MuteCall' });
      await page.waitForFunction((selector) => (globalThis as any).document.querySelector(selector)?.textContent.includes('· muted'), underAgent);

      await perform('customer', { session: connId, operation: 'CustomerHangup' });
      await page.waitForSelector(`${underAgent}[data-state="Released"]`);
      await page.waitForSelector(`${phone('agent1')}[data-voice="AfterCallWork"]`);
      expect(await text(page, `${card} summary`)).toMatch(/Released/);
      expect(await page.$$eval(`${card} .people li`, (items: any[]) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()))).toEqual([
        '+14155550100 · Customer',
        `7001 agent1 · call ${callId} · Released · muted`,
      ]);

      // The timeline tells each notification's notificationType and the call's or the phone's state.
      await page.waitForSelector('#timeline li.event[data-type="notification"][data-kind="DeviceStateChangeMessage"]:last-child');
      const lines = await page.$$eval('#timeline li.event[data-type="notification"]', (items: any[]) => items.map((li) => [li.dataset.kind, li.querySelector('.fields').textContent]));
      const call = (state: string) => ['StatusChange', `${callId}state ${state} · Inbound · participants +14155550100 · may `];
      expect(lines.map(([kind, fields]) => [kind, fields.replace(/ · may .*$/, ' · may ')])).toEqual([
        ['DeviceStateChangeMessage', 'device 7001 · NotReady · do-not-disturb Off'],
        ['DeviceStateChangeMessage', 'device 7001 · Ready · do-not-disturb Off'],
        call('Ringing'),
        call('Established'),
        call('Held'),
        call('Established'),
        call('Established'),
        ['StatusChange', `${callId}state Released · Inbound · participants +14155550100`],
        ['DeviceStateChangeMessage', 'device 7001 · NotReady (AfterCallWork) · do-not-disturb Off'],
      ]);
      expect(lines[2][1]).toMatch(/ · may Answer, DeleteUserData, AttachUserData, DeleteUserDataPair, Hangup, UpdateUserData$/);
    } finally {
      await agent1.disconnect();
    }
  });

  test("a consultation and a conference from the page: the consultation tells its call, initiator and purpose; the conference its parties and owner; its owner removes agent2", async () => {
    const post = async (path: string, body: object): Promise<any> => (await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
    const legOf = (agent: string, connId: string) => sim.state().calls.find((c) => c.id === connId)!.legs![agent].id;
    const lines = (selector: string) => page.$$eval(selector, (items: any[]) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
    await post('/sim/agents/agent1', { operationName: 'StartContactCenterSession', channels: ['voice'] });
    const { id: connId } = await post('/sim/calls', { from: '+14155550100', offerTo: 'agent1' });
    const original = legOf('agent1', connId);
    expect(await post(`/sim/agents/agent1/calls/${original}`, { operationName: 'Answer' })).toEqual({ statusCode: 0 });
    await page.waitForSelector(`.agent[data-agent="agent1"] .calls li[data-call="${original}"][data-state="Established"]`);

    // The destination typed as its number alone (the phones' numbers suggested), as trigger's --destination takes it.
    await page.selectOption('#operation-agent', 'agent1');
    await page.selectOption('#operation-session', connId);
    await page.selectOption('#operation-operation', 'InitiateConference');
    expect(await page.getAttribute('#operation-destination', 'list')).toBe('phone-numbers');
    expect(await page.$$eval('#phone-numbers option', (options: any[]) => options.map((o) => [o.value, o.label]))).toEqual([['7001', 'agent1'], ['7002', 'agent2'], ['7003', 'agent3']]);
    expect(await perform('operation', { destination: '7002' })).toBe(`/sim/agents/agent1/calls/${original}`);
    const consultation = sim.state().calls.find((c) => c.call?.consultation !== undefined)!;
    expect(consultation.call).toMatchObject({ callType: 'Consult', consultation: { parent: connId, initiator: 'agent1', purpose: 'conference' } });
    const consulting = consultation.legs!.agent1.id;
    const tie = `consultation (conference) by agent1, from call ${connId}`;
    await page.waitForSelector(`.agent[data-agent="agent2"] .calls li[data-conn="${consultation.id}"][data-state="Ringing"]`);
    expect(await lines('.agent[data-agent="agent1"] .calls li')).toEqual([
      `Dialing ${consulting} Consult · 7001 → 7002 · ${tie}`,
      `Held ${original} Inbound · +14155550100 → 7001 · agent1 consults on call ${consultation.id} (conference)`,
    ]);
    expect(await lines('.agent[data-agent="agent2"] .calls li')).toEqual([`Ringing ${consultation.legs!.agent2.id} Consult · 7001 → 7002 · ${tie}`]);
    const consultCard = `[data-session="${consultation.id}"]`;
    expect(await page.$eval(`${consultCard} .ties`, (ul: any) => [ul.dataset.consultationOf, ul.dataset.purpose, ul.textContent.trim()])).toEqual([connId, 'conference', tie]);
    // The operation's line on the timeline (on the call it was performed on) says what it made.
    await page.waitForSelector('#timeline li.event[data-type="operation"][data-kind="InitiateConference"]');
    expect(await text(page, '#timeline li.event[data-kind="InitiateConference"] .fields')).toBe(`${connId}statusCode 0 · agent1 consults on call ${consultation.id} (conference)`);
    // The consultation's notification (held: agent1 has no client) names the agent's call it consults from.
    await page.waitForFunction((id) => [...(globalThis as any).document.querySelectorAll('#timeline li.event[data-type="held"] .fields')].some((f: any) => f.textContent.includes(id)), `state Dialing · Consult · consultation of call ${original} · participants 7002`);

    expect(await post(`/sim/agents/agent2/calls/${consultation.legs!.agent2.id}`, { operationName: 'Answer' })).toEqual({ statusCode: 0 });
    await page.waitForSelector(`.agent[data-agent="agent1"] .calls li[data-call="${consulting}"][data-state="Established"]`);
    // consultCallUri: the agent's other calls are suggested.
    await page.selectOption('#operation-operation', 'CompleteConference');
    expect(await page.getAttribute('#operation-consultCallUri', 'list')).toBe('agent-calls');
    expect(await page.$$eval('#agent-calls option', (options: any[]) => options.map((o) => o.value))).toEqual([consulting]);
    await perform('operation', { consultCallUri: consulting });
    const card = `[data-session="${connId}"]`;
    await page.waitForFunction((selector) => (globalThis as any).document.querySelector(selector)?.textContent.includes('conference of 3 parties, owner agent1'), `${card} .ties`);
    expect(await text(page, `${card} summary`)).toMatch(/conference/);
    expect(await lines(`${card} .people li`)).toEqual(['+14155550100 · Customer', `7001 agent1 · call ${original} · Established`, `7002 agent2 · call ${consultation.legs!.agent2.id} · Established`]);

    await page.selectOption('#operation-operation', 'RemoveParticipantFromConference');
    expect(await page.getAttribute('#operation-participant', 'list')).toBe('phone-numbers');
    await perform('operation', { participant: '7002' });
    await page.waitForFunction((selector) => (globalThis as any).document.querySelector(selector)?.textContent.includes('· Released'), `${card} .people li[data-agent="agent2"]`);
    expect(await page.$$(`${card} .ties`)).toHaveLength(0);
    expect(await text(page, `${card} summary`)).toMatch(/on the line/);
  });

  test("agent1's phone dials agent2 from the page; do-not-disturb on agent2's phone from the page", async () => {
    const agent2 = await sim.agent('agent2');
    try {
      expect(await perform('agent-state', { agent: 'agent2', operation: 'DoNotDisturbOn' })).toBe(`/sim/agents/agent2/devices/${sim.state().users[1].deviceId}`);
      await page.waitForSelector(`${phone('agent2')}[data-dnd="true"] .dnd`);
      await expect(agent2.waitFor({ kind: 'DeviceStateChangeMessage', match: { 'devices[0].doNotDisturb': 'On' } })).resolves.toBeDefined();
      await perform('agent-state', { operation: 'DoNotDisturbOff' });
      await page.waitForSelector(`${phone('agent2')}[data-dnd="false"]`);

      expect(await page.$$eval('#dial-agent option', (options: any[]) => options.map((o) => o.textContent))).toEqual(['agent1 (7001)', 'agent2 (7002)', 'agent3 (7003)']);
      expect(await perform('dial', { agent: 'agent1', destination: '{"phoneNumber":"7002"}' })).toBe(`/sim/agents/agent1/devices/${sim.state().users[0].deviceId}/calls`);
      const ringing = await agent2.waitFor({ kind: 'StatusChange', match: { 'call.state': 'Ringing', 'call.callType': 'Internal' } });
      const [{ call: { id: callId, connId } }] = ringing as any[];
      await page.waitForSelector(`.agent[data-agent="agent2"] .calls li[data-call="${callId}"][data-state="Ringing"]`);
      await page.waitForSelector(`.agent[data-agent="agent1"] .calls li[data-conn="${connId}"][data-state="Dialing"]`);
    } finally {
      await agent2.disconnect();
    }
  });
});
