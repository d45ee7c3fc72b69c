import { loadScenario } from '../../../src/scenario/script';
import { FileError } from '../../../src/validation';
import { tempFolder, thrown } from '../../helpers/files';

const files = tempFolder('gws-sim-fault-step-');
const script = (fault: unknown) =>
  JSON.stringify({ agents: { agent1: {}, agent2: {} }, steps: [{ fault }, { expect: { agent1: [] } }] }, null, 2);

describe('the fault step of a script', () => {
  it('takes a SPEC string, an object, or a list of both', () => {
    const loaded = loadScenario(files.write(script(['drop:agent2:2', { kind: 'cut', agent: 'agent1', after: 1 }])));
    expect(loaded.steps('http://x')[0]).toEqual({
      kind: 'fault',
      fault: [
        { kind: 'drop', agent: 'agent2', nth: 2 },
        { kind: 'cut', agent: 'agent1', after: 1 },
      ],
    });
    expect(loadScenario(files.write(script('delay:*:*:10-20'))).steps('http://x')[0]).toEqual({
      kind: 'fault',
      fault: [{ kind: 'delay', agent: '*', nth: '*', ms: [10, 20] }],
    });
  });

  it('refuses a bad spec and an agent the script does not declare, with the JSON path and line', () => {
    const bad = thrown(FileError, () => loadScenario(files.write(script(['drop:agent2:1', 'drop:agent2']))));
    expect(bad.message).toContain("$.steps[0].fault[1] (line 10): fault 'drop:agent2': a part is missing; expected drop:AGENT:NTH, e.g. drop:agent2:2");
    const stranger = thrown(FileError, () => loadScenario(files.write(script({ kind: 'drop', agent: 'agent3', nth: 1 }))));
    expect(stranger.message).toContain("$.steps[0].fault[0].agent (line 8): 'agent3' is not one of the script's agents (agent1, agent2): declare it in $.agents");
  });
});
