import { buildCli } from '../../../src/cli/cli';
import { catalog } from '../../../src/dashboard/catalog';
import { FAMILIES, type Family } from '../../../src/gws/families';
import { REGISTRY } from '../../../src/gws/operations/registry';
import { loadOperationStreams } from '../../../src/scenario/loader';
import { createSimulator, type Simulator } from '../../../src/simulator';
import { rest } from '../../helpers/rest';

/** A family's operations, as the registry holds them (the agent's, the device's and the customer's). */
const operationsOf = (family: Family) => REGISTRY.filter((o) => o.media === family.name);

/** `gws-sim trigger --help`: its operation choices come from the registry. */
function triggerHelp(): Promise<string> {
  return new Promise((resolve, reject) => buildCli(['trigger', '--help']).parse(['trigger', '--help'], {}, (error, _argv, output) => (error ? reject(error) : resolve(output))));
}

/** A family registered in one place (its folder, its line in families/index.ts and registry.ts) appears everywhere. */
describe.each(FAMILIES.map((f) => [f.name, f] as const))('the %s family appears everywhere', (_name, family) => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await createSimulator({ timeScale: 0 });
  });
  afterAll(() => sim.close());

  it('in the registry: its operations, the agent\'s and the customer\'s, among them an arrival', () => {
    expect(operationsOf(family).length).toBeGreaterThan(0);
    expect(operationsOf(family).filter((o) => o.actor === 'customer' && o.creates)).toHaveLength(1);
  });

  it("in trigger's choices: every operation an agent posts", async () => {
    const help = await triggerHelp();
    for (const operation of operationsOf(family).filter((o) => o.actor !== 'customer')) expect([operation.name, help.includes(`"${operation.name}"`)]).toEqual([operation.name, true]);
  });

  it('in GET /sim/operations: the family, its agent operations with their states, its customer actions with their paths', () => {
    const { media, agentOperations, customerOperations } = catalog();
    expect(media).toContainEqual({ name: family.name, collection: family.collection, resource: family.resource, topic: family.topic });
    const names = (list: { media?: string; name: string }[]) => list.filter((o) => o.media === family.name).map((o) => o.name);
    expect(names(agentOperations)).toEqual(operationsOf(family).filter((o) => o.actor === 'agent').map((o) => o.name));
    expect(names(customerOperations)).toEqual(operationsOf(family).filter((o) => o.actor === 'customer').map((o) => o.name));
    for (const o of customerOperations.filter((c) => c.media === family.name)) expect(o.path.startsWith(`/sim/${family.collection}`)).toBe(true);
  });

  it('in the loaded stream files: one per operation, under its family', () => {
    const keys = [...loadOperationStreams().keys()];
    for (const operation of operationsOf(family)) expect(keys).toContain(`${family.name}/${operation.name}`);
  });

  it("in GET /sim/state's collections, and in the REST routes: GET /api/v2/me/<collection> answers 200", async () => {
    expect(sim.state()).toHaveProperty(family.collection, expect.any(Array));
    const state = await rest(sim.url).get('/sim/state');
    expect(state.body.state).toHaveProperty(family.collection, expect.any(Array));
    const listed = await rest(sim.url).get(`/api/v2/me/${family.collection}`, { user: 'agent1', password: 'agent1' });
    expect([listed.status, listed.body.statusCode]).toEqual([200, 0]);
    // One resource by id, under the collection and its older spellings: routed, answering the family's 6.
    for (const collection of [family.collection, ...family.aliases]) {
      const one = await rest(sim.url).get(`/api/v2/me/${collection}/no-such-id`, { user: 'agent1', password: 'agent1' });
      expect([collection, one.status, one.body]).toEqual([collection, 404, { statusCode: 6, statusMessage: `No ${family.resource} no-such-id.` }]);
    }
  });

  it("in the agent's operation route: an unknown operationName is refused as one on the family's resource", async () => {
    const refused = await rest(sim.url).post(`/api/v2/me/${family.collection}/no-such-id`, { operationName: 'NoSuchOperation' }, { user: 'agent1', password: 'agent1' });
    expect([refused.status, refused.body.statusCode]).toEqual([400, 1]);
    expect(refused.body.statusMessage).toContain(`for a ${family.resource}`);
  });
});
