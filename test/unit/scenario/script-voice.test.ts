import path from 'node:path';
import { SCENARIOS_DIR } from '../../../src/scenario/loader';
import { loadScenario } from '../../../src/scenario/script';
import { FileError } from '../../../src/validation';
import { tempFolder, thrown } from '../../helpers/files';

const files = tempFolder('gws-sim-script-voice-');
const SERVER = 'http://127.0.0.1:9999';

function script(steps: unknown[]): string {
  return files.write(JSON.stringify({ agents: { agent1: {}, agent2: {} }, steps }, null, 2));
}

describe('scripts on calls', () => {
  it.each(['voice-inbound.json', 'voice-internal.json', 'voice-outbound-refused.json'])('the shipped %s loads', (name) => {
    const loaded = loadScenario(path.join(SCENARIOS_DIR, name));
    expect(loaded.steps(SERVER).length).toBeGreaterThan(4);
  });

  it('a call is named by its offer or by the Dial that makes it; its operations, and its customer steps, are the call family\'s', () => {
    const loaded = loadScenario(
      script([
        { offer: '*', media: 'voice', session: 'inbound', from: '+14155550100' },
        { perform: 'Answer', as: 'agent1', session: 'inbound' },
        { customer: 'hangup', session: 'inbound' },
        { perform: 'Dial', as: 'agent1', session: 'internal', params: { destination: { phoneNumber: '7002' } } },
        { perform: 'Answer', as: 'agent2', session: 'internal' },
        { perform: 'DoNotDisturbOn', as: 'agent2' },
      ]),
    );
    expect(['inbound', 'internal'].map(loaded.mediaOf)).toEqual(['voice', 'voice']);
  });

  it.each<[string, unknown[], RegExp]>([
    ['text on a call', [{ offer: 'agent1', media: 'voice', session: 'c', text: 'Hi' }], /\$\.steps\[0\]\.text \(line \d+\): a call has no text/],
    ['a chat operation on a call', [{ offer: 'agent1', media: 'voice', session: 'c' }, { perform: 'Accept', as: 'agent1', session: 'c' }], /\$\.steps\[1\]\.perform \(line \d+\): Accept is not an operation on a call/],
    ['a chat customer on a call', [{ offer: 'agent1', media: 'voice', session: 'c' }, { customer: 'leave', session: 'c' }], /\$\.steps\[1\]\.customer \(line \d+\): the customer of a call does not leave; in a call it may: hangup, answer, refuse/],
    ['a call customer on a chat', [{ offer: 'agent1', media: 'chat', session: 'c' }, { customer: 'hangup', session: 'c' }], /\$\.steps\[1\]\.customer \(line \d+\): the customer of a chat does not hangup; in a chat it may: say, startTyping, stopTyping, leave/],
    ['a misspelt action', [{ customer: 'hangUp', session: 'c' }], /found 'hangUp'; did you mean hangup\?/],
    ['a session on do-not-disturb', [{ perform: 'DoNotDisturbOn', as: 'agent1', session: 'c' }], /\$\.steps\[0\]\.session \(line \d+\): DoNotDisturbOn acts on the agent, not on a session/],
    ['two calls of one name', [{ offer: 'agent1', media: 'voice', session: 'c' }, { perform: 'Dial', as: 'agent1', session: 'c', params: {} }], /\$\.steps\[1\]\.session \(line \d+\): a session or call named 'c' is already offered or dialed/],
  ])('%s is refused when the file loads', (_, steps, message) => {
    expect(thrown(FileError, () => loadScenario(script(steps))).message).toMatch(message);
  });
});
