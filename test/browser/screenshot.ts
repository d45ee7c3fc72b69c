import path from 'node:path';
import { createSimulator, type Simulator } from '../../src/simulator';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { launchChromium } from '../helpers/desktop';

/**
 * Writes the README's picture of the dashboard, test/browser/dashboard.png: the timeline after the
 * seed's removal, at 1280 x 800, the last notification's JSON open. Not part of `npm test` (its name is
 * not *.test.ts): run it with `npm run screenshot` after changing the page.
 */
const PICTURE = path.join(__dirname, 'dashboard.png');

test('the dashboard after the seed\'s removal', async () => {
  // On the port the README shows, when it is free.
  const sim: Simulator = await createSimulator({ port: 8090 }).catch(() => createSimulator());
  const chromium = await launchChromium();
  try {
    const agent1 = await sim.agent('agent1');
    const agent2 = await sim.agent('agent2', { transport: 'long-polling' });
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${sim.url}/`);
    await page.waitForSelector('#feed-status.status-live');
    await agent1.perform('RemoveParticipantFromConference', SESSION_ID, { targetPath: `/users/${AGENT2_ID}` });
    await sim.expect({ agent1: ['Notice', 'ParticipantsUpdated', 'ParticipantLeft'], agent2: ['StatusChange', 'ParticipantLeft', 'StatusChange', 'StatusChange'] });
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('#timeline li.event[data-type="notification"]').length === 7);
    await page.click('#timeline li.event[data-type="notification"]:last-child button');
    await page.waitForSelector('#event-json');
    await page.screenshot({ path: PICTURE });
    await agent1.disconnect();
    await agent2.disconnect();
  } finally {
    await chromium.close();
    await sim.close();
  }
});
