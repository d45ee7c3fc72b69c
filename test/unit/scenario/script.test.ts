import path from 'node:path';
import { loadScenario } from '../../../src/scenario/script';
import { loadOperationStreams, SCENARIOS_DIR } from '../../../src/scenario/loader';
import { NotificationShapes } from '../../../src/scenario/shapes';
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
  it.each(['agent1-removes-agent2.json', 'agents-visibility-refused.json', 'late-agent-gets-its-queue.json', 'facebook-consult-remove-complete.json', 'facebook-transfer.json'])(
    'the shipped %s loads',
    (name) => {
      const loaded = loadScenario(path.join(SCENARIOS_DIR, name));
      expect(loaded.agents.length).toBeGreaterThan(1);
      expect(loaded.steps(SERVER).length).toBeGreaterThan(1);
    },
  );

  it.each(['facebook-arrival-to-complete.json', 'facebook-reject.json'])('the shipped flow %s loads, starting with an offer', (name) => {
    const loaded = loadScenario(path.join(SCENARIOS_DIR, name));
    expect(loaded.agents.length).toBeGreaterThan(0);
    expect(loaded.steps(SERVER)[0]).toMatchObject({ kind: 'offer', offer: 'agent1' });
  });

  it('an offer names a session the perform and customer steps after it act on; those steps pass through as written', () => {
    const steps = [
      { offer: 'agent1', session: 'chat', from: 'Alice', text: 'Hi' },
      { perform: 'Accept', as: 'agent1', session: 'chat' },
      { customer: 'say', session: 'chat', text: 'Are you there?' },
      { customer: 'leave', session: 'chat' },
    ];
    expect(loadScenario(script({ steps })).steps(SERVER)).toEqual([
      { kind: 'offer', offer: 'agent1', session: 'chat', from: 'Alice', text: 'Hi' },
      { kind: 'perform', perform: 'Accept', as: 'agent1', session: 'chat', params: {} },
      { kind: 'customer', customer: 'say', session: 'chat', text: 'Are you there?' },
      { kind: 'customer', customer: 'leave', session: 'chat' },
    ]);
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

  it("an Accept's stream file becomes: offer, expect the offer's streams, Accept, expect the file's", () => {
    const loaded = loadScenario(path.join(SCENARIOS_DIR, 'accept.json'));
    expect(loaded.operationStream).toEqual({ operation: 'Accept', file: path.join(SCENARIOS_DIR, 'accept.json') });
    const steps = loaded.steps(SERVER);
    expect(steps.map((s) => s.kind)).toEqual(['offer', 'expect', 'perform', 'expect']);
    expect(steps[0]).toMatchObject({ offer: 'agent1', session: 'sample' });
    expect(steps[2]).toMatchObject({ perform: 'Accept', as: 'agent1', session: 'sample' });
    if (steps[1].kind !== 'expect' || steps[3].kind !== 'expect') throw new Error('expected expect steps');
    // Only the invited agent hears of the offer; after Accept only agent1 is in the new session.
    expect(steps[1].expect.agent1.length).toBeGreaterThan(0);
    expect([steps[1].expect.agent2, steps[1].expect.agent3]).toEqual([[], []]);
    expect(steps[3].expect.agent1.length).toBeGreaterThan(0);
    expect([steps[3].expect.agent2, steps[3].expect.agent3]).toEqual([[], []]);
  });

  it("a call's stream file: InitiateTransfer names its consultation call for the steps after; a Dial's call keeps its step's session", () => {
    const performs = (file: string) =>
      loadScenario(path.join(SCENARIOS_DIR, 'voice', file))
        .steps(SERVER)
        .flatMap((s) => (s.kind === 'perform' ? [[s.perform, s.as, s.session, s.consultation]] : s.kind === 'customer' ? [[s.customer, s.session]] : []));
    expect(performs('complete-transfer.json')).toEqual([
      ['Answer', 'agent1', 'sample', undefined],
      ['InitiateTransfer', 'agent1', 'sample', 'consultation-2'],
      ['Answer', 'agent2', 'consultation-2', undefined],
      ['CompleteTransfer', 'agent1', 'consultation-2', undefined],
    ]);
    expect(performs('customer-answer.json')).toEqual([
      ['Dial', 'agent1', 'sample', undefined],
      ['answer', 'sample'],
    ]);
  });

  it("a customer operation's stream file becomes a customer step and what every agent in the session receives", () => {
    const steps = loadScenario(path.join(SCENARIOS_DIR, 'customer-message.json')).steps(SERVER);
    expect(steps.map((s) => s.kind)).toEqual(['customer', 'expect']);
    expect(steps[0]).toEqual({ kind: 'customer', customer: 'say', session: SESSION_ID, text: 'Hello?' });
    if (steps[1].kind !== 'expect') throw new Error('expected an expect step');
    expect(steps[1].expect.agent1.length).toBeGreaterThan(0);
    expect(steps[1].expect.agent2.length).toBeGreaterThan(0);
    expect(steps[1].expect.agent3).toEqual([]);
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [{ steps: [] }, /\$\.steps \(line \d+\): Too small: expected array to have >=1 items/],
    [{ steps: [{ sleep: 1 }] }, /\$\.steps\[0\] \(line \d+\): expected a step with one of connect, disconnect, perform, offer, customer, (notify, )?wait, expect, fault, expectRequest, found keys sleep/],
    [{ steps: [{ wait: 1, expect: {} }] }, /\$\.steps\[0\] \(line \d+\): expected a step with one of .*, found wait and expect together/],
    [{ steps: [{ wait: -1 }] }, /\$\.steps\[0\]\.wait \(line \d+\): Too small/],
    [{ steps: [{ ...perform, as: 'agent7' }] }, /\$\.steps\[0\]\.as \(line \d+\): 'agent7' is not one of the script's agents \(agent1, agent2\)/],
    [{ steps: [{ ...perform, session: 'nope' }] }, /\$\.steps\[0\]\.session \(line \d+\): no session 'nope' in the fixture nor offered before this step; the sessions: 0002EaAY01MT0082, 0000Na9B26EF002X$/],
    [{ steps: [{ ...perform, target: 'agnet2' }] }, /\$\.steps\[0\]\.target \(line \d+\): expected a user of the fixture \(agent1, agent2, agent3\) or a URI, found 'agnet2'/],
    [{ steps: [{ ...perform, perform: 'Dance' }] }, /\$\.steps\[0\]\.perform \(line \d+\): expected an operation gws-sim performs, found 'Dance' \(the operations: Accept, Reject, .*RemoveParticipantFromConference.*AddComment, SendCustomNotice, CancelConsult, .*SendNicknameUpdatedNotice, Dial, .*StopCallRecording, StartContactCenterSession, EndContactCenterSession, Ready, NotReady, DoNotDisturbOn, DoNotDisturbOff\)$/],
    [{ steps: [{ ...perform, perform: 'Acept' }] }, /\$\.steps\[0\]\.perform \(line \d+\): expected an operation gws-sim performs, found 'Acept'; did you mean Accept\?$/],
    [{ steps: [{ offer: 'agent1', session: 'chat', form: 'Bob' }] }, /\$\.steps\[0\] \(line \d+\): Unrecognized key: "form"; did you mean from\? \(it takes: offer, media, session, from, text\)$/],
    [{ steps: [{ perfom: 'Accept', as: 'agent1' }] }, /\$\.steps\[0\] \(line \d+\): expected a step with one of .*, found keys perfom, as; did you mean perform\?$/],
    [{ agents: { agent1: { transprot: 'websocket' } }, steps: [{ wait: 1 }] }, /\$\.agents\.agent1 \(line \d+\): Unrecognized key: "transprot"; did you mean transport\? \(it takes: transport, password\)$/],
    [{ steps: [{ ...perform, perform: 'Offer' }] }, /\$\.steps\[0\]\.perform \(line \d+\): expected an operation gws-sim performs, found 'Offer'/],
    [{ steps: [{ ...perform, session: 'chat' }, { offer: 'agent1', session: 'chat' }] }, /\$\.steps\[0\]\.session \(line \d+\): no session 'chat' in the fixture nor offered before this step; the sessions: 0002EaAY01MT0082, 0000Na9B26EF002X$/],
    [{ steps: [{ customer: 'say', session: 'chat', text: 'Hi' }] }, /\$\.steps\[0\]\.session \(line \d+\): no session 'chat' in the fixture nor offered/],
    [{ steps: [{ offer: 'agent1', session: 'chat' }, { offer: 'agent2', session: 'chat' }] }, /\$\.steps\[1\]\.session \(line \d+\): a session or call named 'chat' is already offered or dialed: give each its own name/],
    [{ steps: [{ offer: 'agent7', session: 'chat' }] }, /\$\.steps\[0\]\.offer \(line \d+\): 'agent7' is not one of the script's agents \(agent1, agent2\)/],
    [{ steps: [{ offer: 'agent1', session: 'chat' }, { customer: 'say', session: 'chat' }] }, /\$\.steps\[1\]\.text \(line \d+\): the customer says something: give "text"/],
    [{ steps: [{ customer: 'sing', session: SESSION_ID }] }, /\$\.steps\[0\]\.customer \(line \d+\): .*say.*startTyping.*stopTyping.*leave/],
    [{ steps: [{ ...perform, params: { x: '{{vars.y}}' } }] }, /\{\{vars\.y\}\} starts with an unknown name 'vars'; expected one of server, users/],
    [{ steps: [{ connect: 'agent2' }, { connect: 'agent2' }] }, /\$\.steps\[1\]\.connect \(line \d+\): agent2 is already connected here/],
    [{ steps: [{ connect: 'agent2' }, { expect: { agent1: [] } }, { disconnect: 'agent1' }, { expect: { agent1: [] } }] }, /\$\.steps\[3\]\.expect\.agent1 \(line \d+\): agent1 is not connected at this step: connect it first/],
    [{ steps: [{ expect: { agent1: [{ kind: 'Notice', match: { 'a[': 1 } }] } }] }, /'a\[' is not a field path/],
    [{ steps: [{ expect: { agent1: [{ kind: 'Notice', extra: 1 }] } }] }, /\$\.steps\[0\]\.expect\.agent1\[0\]/],
    [{ agents: { agent9: {} }, steps: [{ wait: 1 }] }, /\$\.agents\.agent9 \(line \d+\): no user 'agent9' in the fixture; its users: agent1, agent2, agent3/],
    [{ fixture: 'missing.json', steps: [{ wait: 1 }] }, /missing\.json/],
    [{ fixture: 'missing.json', steps: [{ wait: -1 }] }, /\$\.steps\[0\]\.wait \(line \d+\): Too small[\s\S]*\$\.fixture: .*missing\.json/],
    [{ agents: ['agent1'], steps: [{ wait: 1 }] }, /^[^\n]*\n {2}\$\.agents \(line \d+\): Invalid input: expected record, received array$/],
  ])('%j is refused, naming the JSON path and line', (body, message) => {
    expect(thrown(FileError, () => loadScenario(script(body))).message).toMatch(message);
  });

  it('a file with a mistake of each layer (shape, agents, fixture, expected kinds and fields) has every one said at once, in the order of its lines', () => {
    const file = script({
      agents: { agent1: {}, agent9: {} },
      steps: [
        { perform: 'Acept', as: 'agent1', session: SESSION_ID },
        { offer: 'agent1', session: 's1', form: 'Bob' },
        { perform: 'Accept', as: 'agent7', session: 'nope' },
        { wait: -1 },
        { disconnect: 'agent1' },
        { disconnect: 'agent1' },
        { expect: { agent9: ['ParticipantJoinde'] } },
        { expect: { agent9: [{ kind: 'StatusChange', match: { 'facebooksession.stat': 'x' } }] } },
      ],
    });
    const problems = thrown(FileError, () => loadScenario(file, new NotificationShapes(loadOperationStreams()))).problems;
    const said = problems.map((p) => `${p.path}: ${p.message}`);
    expect(said).toEqual([
      expect.stringMatching(/^\$\.agents\.agent9: no user 'agent9' in the fixture/),
      expect.stringMatching(/^\$\.steps\[0\]\.perform: .*found 'Acept'; did you mean Accept\?$/),
      expect.stringMatching(/^\$\.steps\[1\]: Unrecognized key: "form"; did you mean from\?/),
      expect.stringMatching(/^\$\.steps\[2\]\.as: 'agent7' is not one of the script's agents/),
      expect.stringMatching(/^\$\.steps\[2\]\.session: no session 'nope' in the fixture/),
      expect.stringMatching(/^\$\.steps\[3\]\.wait: Too small/),
      expect.stringMatching(/^\$\.steps\[5\]\.disconnect: agent1 is not connected here/),
      expect.stringMatching(/^\$\.steps\[6\]\.expect\.agent9\[0\]: no operation sends a notification of kind 'ParticipantJoinde'; did you mean ParticipantJoined\?/),
      expect.stringMatching(/^\$\.steps\[7\]\.expect\.agent9\[0\]\.match\["facebooksession\.stat"\]: .*did you mean state\?/),
    ]);
  });
});
