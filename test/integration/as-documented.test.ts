import path from 'node:path';
import { createSimulator, type Simulator } from '../../src/simulator';
import { TestAgent } from '../helpers/agent';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { documentedStreams } from '../helpers/seed';

const AS_DOCUMENTED = path.join(__dirname, '..', '..', 'scenarios', 'remove-participant-from-conference.as-documented.json');

describe('--scenario remove-participant-from-conference.as-documented.json', () => {
  let sim: Simulator;
  const agents: TestAgent[] = [];

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.disconnect()));
    await sim.close();
  });

  test('reproduces the documentation page to the letter, copy errors included', async () => {
    sim = await createSimulator({ timeScale: 0, scenarios: [AS_DOCUMENTED] });
    const [agent1, agent2] = await Promise.all(['agent1', 'agent2'].map((user) => TestAgent.login(sim.url, 'websocket', user)));
    agents.push(agent1, agent2);
    await Promise.all([agent1, agent2].map((a) => a.subscribe('/v2/notifications')));

    const response = await fetch(`${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('agent1:agent1').toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetUri: `${sim.url}/api/v2/users/${AGENT2_ID}` }),
    });
    expect(await response.json()).toEqual({ statusCode: 0 });

    const documented = documentedStreams();
    const [got1, got2] = await Promise.all([agent1.waitFor(3), agent2.waitFor(4)]);
    expect(JSON.stringify(got1.map((m) => m.data))).toBe(JSON.stringify(documented.agent1));
    expect(JSON.stringify(got2.map((m) => m.data))).toBe(JSON.stringify(documented.agent2));
  });
});
