import type { Page } from 'playwright-core';
import { createSimulator, type Simulator } from '../../src/simulator';
import { SESSION_ID } from '../helpers/default-fixture';
import { launchChromium } from '../helpers/desktop';
import { basic } from '../helpers/rest';

/** The request journal on the dashboard's timeline, in Chromium: what desktops sent, GETs hidden until asked, filterable. */
let sim: Simulator;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
  sim = await createSimulator({ timeScale: 0 });
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await sim?.close();
});

afterEach(async () => {
  await page?.close();
});

interface Row {
  agent: string;
  kind: string;
  fields: string;
}

/** The timeline's request lines as the page shows them, oldest first. */
const requestRows = (p: Page): Promise<Row[]> =>
  p.$$eval('#timeline li.event[data-type="request"]', (items: any[]) =>
    items.map((li) => ({ agent: li.dataset.agent, kind: li.dataset.kind, fields: li.querySelector('.fields').textContent })),
  );

async function waitForRequestRows(p: Page, count: number): Promise<void> {
  await p.waitForFunction((n) => (globalThis as any).document.querySelectorAll('#timeline li.event[data-type="request"]').length >= n, count, { timeout: 5000 });
}

test("the desktops' requests are on the timeline: operations and Bayeux meta messages, an operation once, GETs only when asked, filtered by agent and kind", async () => {
  sim.reset();
  page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${sim.url}/`);
  await page.waitForSelector('#feed-status.status-live');

  const agent1 = { Authorization: basic('agent1', 'agent1'), 'Content-Type': 'application/json' };
  await fetch(`${sim.url}/api/v2/me?subresources=*`, { headers: agent1 });
  await fetch(`${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}`, { method: 'POST', headers: agent1, body: JSON.stringify({ operationName: 'SendMessage', text: 'Hi there' }) });
  const agent2 = await sim.agent('agent2', { transport: 'long-polling' });
  try {
    await waitForRequestRows(page, 3);
    const shown = await requestRows(page);
    expect(shown.map((r) => [r.agent, r.kind])).toEqual(
      expect.arrayContaining([
        ['agent2', '/meta/handshake'],
        ['agent2', '/meta/connect'],
        ['agent2', '/meta/subscribe'],
      ]),
    );
    expect(shown.find((r) => r.kind === '/meta/subscribe')?.fields).toBe('/v2/notifications · over long-polling');
    // Everything shows an operation once, as its operation line; GETs are hidden.
    expect(shown.some((r) => r.kind === 'SendMessage' || r.kind.startsWith('GET'))).toBe(false);
    await page.waitForSelector('#timeline li.event[data-type="operation"][data-kind="SendMessage"]');

    await page.selectOption('#filter-kind', 'request');
    await page.waitForSelector('#timeline li.event[data-type="request"][data-kind="SendMessage"]');
    expect((await requestRows(page)).find((r) => r.kind === 'SendMessage')?.fields).toBe(`${SESSION_ID}POST /api/v2/me/facebooksessions/${SESSION_ID} → HTTP 200 · statusCode 0`);
    expect(await page.$$eval('#timeline li.event', (items: any[]) => items.every((li) => li.dataset.type === 'request'))).toBe(true);

    await page.check('#filter-gets');
    await page.waitForSelector('#timeline li.event[data-type="request"][data-kind="GET /me"]');
    expect((await requestRows(page)).find((r) => r.kind === 'GET /me')?.fields).toBe('GET /api/v2/me?subresources=* → HTTP 200 · statusCode 0');

    await page.selectOption('#filter-agent', 'agent1');
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('#timeline li.event').length === 2);
    expect(await page.$$eval('#timeline li.event', (items: any[]) => items.map((li) => [li.dataset.type, li.dataset.agent, li.dataset.kind]))).toEqual([
      ['request', 'agent1', 'GET /me'],
      ['request', 'agent1', 'SendMessage'],
    ]);

    // A click shows the request as journaled: its body, its answer.
    await page.click('#timeline li.event[data-kind="SendMessage"] button');
    const json = JSON.parse(await page.$eval('#event-json', (element: any) => element.textContent as string));
    expect(json.request).toMatchObject({ type: 'rest', method: 'POST', agent: 'agent1', operation: 'SendMessage', body: { operationName: 'SendMessage', text: 'Hi there' }, status: 200, statusCode: 0 });
  } finally {
    await agent2.disconnect();
  }
});
