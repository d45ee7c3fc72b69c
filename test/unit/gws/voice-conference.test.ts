import { callWire, phonesOf } from '../../../src/gws/families/voice/wire';
import { T0 } from './operations-world';
import { refusal, voiceWorld } from './voice-world';

/** The numbers agent1's call of `connId` lists, as its notification would show it Released. */
function listedOnRelease(w: ReturnType<typeof voiceWorld>, connId: string): string[] {
  const session = w.model.session(connId);
  return callWire(session, w.user('agent1').id, 'http://127.0.0.1', { state: 'Released', capabilities: [] }, phonesOf(w.model, session), T0).participants.map((p) => p.phoneNumber);
}

describe("a consultation completed: the initiator's Released consultation call", () => {
  it.each(['Conference', 'Transfer'])('still lists the party it consulted, as the Complete%s page shows it (participants [15002])', (kind) => {
    const w = voiceWorld();
    const original = w.legOf(w.ring('agent1'), 'agent1');
    w.act('agent1', original, 'Answer');
    const consultation = String(w.act('agent1', original, `Initiate${kind}`, { destination: { phoneNumber: '7002' } }).created);
    w.act('agent2', w.legOf(consultation, 'agent2'), 'Answer');
    w.act('agent1', original, `Complete${kind}`);
    expect(w.stateOf(consultation, 'agent1')).toBe('Released');
    expect(listedOnRelease(w, consultation)).toEqual(['7002']);
  });
});

describe("SwapCalls on the held call of a conference's consultation", () => {
  it('is refused on either held call, the message naming what it is and that Retrieve swaps there', () => {
    const w = voiceWorld();
    const original = w.legOf(w.ring('agent1'), 'agent1');
    w.act('agent1', original, 'Answer');
    const connId = String(w.act('agent1', original, 'InitiateConference', { destination: { phoneNumber: '7002' } }).created);
    w.act('agent2', w.legOf(connId, 'agent2'), 'Answer');
    const consultation = w.legOf(connId, 'agent1');
    expect(refusal(() => w.act('agent1', original, 'SwapCalls', { otherCallUri: consultation })).message).toMatch(/is held in a conference's consultation .*Retrieve swaps there/);
    w.act('agent1', original, 'Retrieve');
    expect(w.stateOf(connId, 'agent1')).toBe('Held');
    expect(refusal(() => w.act('agent1', consultation, 'SwapCalls', { otherCallUri: original })).message).toMatch(/is held in a conference's consultation \(its original or, once swapped, its consultation call\)/);
  });
});
