import path from 'node:path';
import { loadScenario } from '../../../src/scenario/script';
import { SCENARIOS_DIR } from '../../../src/scenario/loader';
import { FileError } from '../../../src/validation';
import { AGENT2_ID, SESSION_ID } from '../../helpers/default-fixture';
import { tempFolder, thrown } from '../../helpers/files';

const files = tempFolder('gws-sim-script-');
const SERVER = 'http://127.0.0.1:9999';

function script(body: Record<string, unknown>): string {
  return files.write(JSON.stringify({ agents: { agent1: {}, agent2: { transport: 'long-polling' } }, ...body }, null, 2));
}

const perform = { perform: 'RemoveParticipantFromConference', as: 'agent1', session: SESSION_ID, target: 'agent2' };

describe('loadScenario: scripts', () => {
  it.each(['agent1-removes-agent2.json', 'agents-visibility-refused.json', 'late-agent-gets-its-queue.json'])('the shipped %s loads', (name) => {
    const loaded = loadScenario(path.join(SCENARIOS_DIR, name));
    expect(loaded.agents.length).toBeGreaterThan(1);
    expect(loaded.steps(SERVER).length).toBeGreaterThan(1);
  });

  it('fills agents from the fixture: password, transport, when they connect', () => {
    const loaded = loadScenario(script({ steps: [perform, { connect: 'agent2' }] }));
    expect(loaded.agents).toEqual([
      { name: 'agent1', transport: 'websocket', password: 'agent1', connectsAtStart: true },
      { name: 'agent2', transport: 'long-polling', password: 'agent2', connectsAtStart: false },
    ]);
  });

  it('turns target into the targetUri on the server, and renders {{users...}} and {{server}} in params', () => {
    const loaded = loadScenario(script({ steps: [perform, { ...perform, target: undefined, params: { targetPath: '{{users.agent2.path}}', note: '{{server}}' } }] }));
    const [first, second] = loaded.steps(SERVER);
    expect(first).toMatchObject({ kind: 'perform', params: { targetUri: `${SERVER}/api/v2/users/${AGENT2_ID}` } });
    expect(second).toMatchObject({ kind: 'perform', params: { targetPath: `/users/${AGENT2_ID}`, note: SERVER } });
  });

  it('a stream file becomes "perform it, expect exactly the declared streams"', () => {
    const loaded = loadScenario(path.join(SCENARIOS_DIR, 'remove-participant-from-conference.json'));
    const [act, check] = loaded.steps(SERVER);
    expect(act).toMatchObject({ kind: 'perform', as: 'agent1', session: SESSION_ID, params: { targetPath: `/users/${AGENT2_ID}` } });
    if (check.kind !== 'expect') throw new Error('expected an expect step');
    expect(Object.keys(check.expect)).toEqual(['agent1', 'agent2', 'agent3']);
    expect(check.expect.agent1).toHaveLength(3);
    expect(check.expect.agent2).toHaveLength(4);
    expect(check.expect.agent3).toEqual([]);
    // Fields that depend on when it is sent (timestamps) are left out of the match.
    const fields = Object.keys((check.expect.agent1[0] as { match: object }).match);
    expect(fields).toContain('messages[0].text');
    expect(fields.some((f) => /timestamp/i.test(f))).toBe(false);
  });

  it.each([
    [{ steps: [] }, /\$\.steps \(line \d+\): Too small: expected array to have >=1 items/],
    [{ steps: [{ sleep: 1 }] }, /\$\.steps\[0\] \(line \d+\): expected a step with one of connect, disconnect, perform, wait, expect, fault, found keys sleep/],
    [{ steps: [{ wait: 1, expect: {} }] }, /\$\.steps\[0\] \(line \d+\): expected a step with one of .*, found wait and expect together/],
    [{ steps: [{ wait: -1 }] }, /\$\.steps\[0\]\.wait \(line \d+\): Too small/],
    [{ steps: [{ ...perform, as: 'agent7' }] }, /\$\.steps\[0\]\.as \(line \d+\): 'agent7' is not one of the script's agents \(agent1, agent2\)/],
    [{ steps: [{ ...perform, session: 'nope' }] }, /\$\.steps\[0\]\.session \(line \d+\): no facebook session 'nope' in the fixture; its sessions: 0002EaAY01MT0082/],
    [{ steps: [{ ...perform, target: 'agnet2' }] }, /\$\.steps\[0\]\.target \(line \d+\): expected a user of the fixture \(agent1, agent2, agent3\) or a URI, found 'agnet2'/],
    [{ steps: [{ ...perform, perform: 'Dance' }] }, /\$\.steps\[0\]\.perform \(line \d+\): Invalid input: expected "RemoveParticipantFromConference"/],
    [{ steps: [{ ...perform, params: { x: '{{vars.y}}' } }] }, /\{\{vars\.y\}\} starts with an unknown name 'vars'; expected one of server, users/],
    [{ steps: [{ connect: 'agent2' }, { connect: 'agent2' }] }, /\$\.steps\[1\]\.connect \(line \d+\): agent2 is already connected here/],
    [{ steps: [{ connect: 'agent2' }, { expect: { agent1: [] } }, { disconnect: 'agent1' }, { expect: { agent1: [] } }] }, /\$\.steps\[3\]\.expect\.agent1 \(line \d+\): agent1 is not connected at this step: connect it first/],
    [{ steps: [{ expect: { agent1: [{ kind: 'Notice', match: { 'a[': 1 } }] } }] }, /'a\[' is not a field path/],
    [{ steps: [{ expect: { agent1: [{ kind: 'Notice', extra: 1 }] } }] }, /\$\.steps\[0\]\.expect\.agent1\[0\]/],
    [{ agents: { agent9: {} }, steps: [{ wait: 1 }] }, /\$\.agents\.agent9 \(line \d+\): no user 'agent9' in the fixture; its users: agent1, agent2, agent3/],
    [{ fixture: 'missing.json', steps: [{ wait: 1 }] }, /missing\.json/],
  ])('%j is refused, naming the JSON path and line', (body, message) => {
    expect(thrown(FileError, () => loadScenario(script(body))).message).toMatch(message);
  });
});
