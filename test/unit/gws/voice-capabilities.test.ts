import { GwsError } from '../../../src/errors';
import { capabilitiesOf, operationNames } from '../../../src/gws/operations/registry';
import { voiceWorld } from './voice-world';

/** The capabilities as the pages' samples list them, transfers and conferences included (gws-sim performs none of those). */
const PAGES = {
  // The Dial page (8.5.2DRAFT sample).
  Dialing: ['SendDtmf', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'],
  // The Answer and SendDTMF pages.
  Established: ['SingleStepTransfer', 'InitiateConference', 'Hold', 'SingleStepConference', 'InitiateTransfer', 'SendDtmf', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'],
  // The Hold page.
  Held: ['SingleStepTransfer', 'InitiateConference', 'Retrieve', 'SingleStepConference', 'InitiateTransfer', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'],
};
const performed = (list: string[]) => list.filter((name) => operationNames('voice').includes(name));

/** agent1's call in each situation a test names, from a fresh model each time. */
const SITUATIONS: Record<string, (w: ReturnType<typeof voiceWorld>) => string> = {
  'Dialing (an internal call)': (w) => w.legOf(w.dial('agent1', '7002').session.id, 'agent1'),
  'Dialing (an outbound call)': (w) => w.legOf(w.dial('agent1', '+33123456789').session.id, 'agent1'),
  'Ringing (a direct call)': (w) => w.legOf(w.ring('agent1'), 'agent1'),
  'Ringing (an internal call)': (w) => w.legOf(w.dial('agent2', '7001').session.id, 'agent1'),
  'Ringing (through the queue)': (w) => {
    w.login('agent1');
    w.voice('agent1', 'Ready');
    return w.legOf(String(w.customer('Offer', undefined, {}).answer.id), 'agent1');
  },
  Established: (w) => answered(w),
  'Established, muted': (w) => answered(w, 'MuteCall'),
  'Established, recording': (w) => answered(w, 'StartCallRecording'),
  'Established, recording paused': (w) => answered(w, 'StartCallRecording', 'PauseCallRecording'),
  Held: (w) => answered(w, 'Hold'),
  'Held, recording': (w) => answered(w, 'StartCallRecording', 'Hold'),
};

function answered(w: ReturnType<typeof voiceWorld>, ...then: string[]): string {
  const id = w.legOf(w.ring('agent1'), 'agent1');
  for (const operation of ['Answer', ...then]) w.act('agent1', id, operation);
  return id;
}

/** agent1's capabilities on its call in `situation`. */
function capabilitiesIn(situation: string): string[] {
  const w = voiceWorld();
  const id = SITUATIONS[situation](w);
  const { session } = w.model.sessionFor(w.user('agent1'), id, 'voice');
  return capabilitiesOf(session, w.user('agent1').id);
}

describe('the capabilities of a call, per state, in the order the pages list them', () => {
  it('Dialing: the Dial page\'s list', () => {
    expect(capabilitiesIn('Dialing (an internal call)')).toEqual(PAGES.Dialing);
    expect(capabilitiesIn('Dialing (an outbound call)')).toEqual(PAGES.Dialing);
  });

  it("Established: the Answer page's list (without the transfers and conferences), then MuteCall and StartCallRecording, as the MuteCall and CallResource pages add them", () => {
    expect(capabilitiesIn('Established')).toEqual([...performed(PAGES.Established), 'MuteCall', 'StartCallRecording']);
    expect(capabilitiesIn('Established, muted')).toEqual([...performed(PAGES.Established), 'UnmuteCall', 'StartCallRecording']);
  });

  it('recording: Pause and Stop while recording (the StartCallRecording page), Resume and Stop once paused (the PauseCallRecording page), last', () => {
    expect(capabilitiesIn('Established, recording').slice(-2)).toEqual(['PauseCallRecording', 'StopCallRecording']);
    expect(capabilitiesIn('Established, recording paused').slice(-2)).toEqual(['ResumeCallRecording', 'StopCallRecording']);
    expect(capabilitiesIn('Held, recording')).toEqual([...performed(PAGES.Held), 'PauseCallRecording', 'StopCallRecording']);
  });

  it("Held: the Hold page's list (Retrieve where Hold was, no SendDtmf), then StartCallRecording", () => {
    expect(capabilitiesIn('Held')).toEqual([...performed(PAGES.Held), 'StartCallRecording']);
  });

  it("Ringing (modelled: no page shows one): Answer, Reject only through a queue (the Reject page), the Dialing list's others but SendDtmf (Hangup: Genesys' HTCC sample client releases a ringing call)", () => {
    const userData = ['DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'];
    expect(capabilitiesIn('Ringing (a direct call)')).toEqual(['Answer', ...userData]);
    expect(capabilitiesIn('Ringing (an internal call)')).toEqual(['Answer', ...userData]);
    expect(capabilitiesIn('Ringing (through the queue)')).toEqual(['Answer', 'Reject', ...userData]);
  });

  it('Released: none (the Hangup and Reject pages)', () => {
    const w = voiceWorld();
    const id = answered(w);
    const outcome = w.act('agent1', id, 'Hangup');
    expect(outcome.recipients).toEqual([{ role: 'caller', userId: w.user('agent1').id, state: 'Released', capabilities: [] }]);
  });
});

describe('the capabilities are exactly what the agent can do', () => {
  const cases = Object.keys(SITUATIONS).flatMap((situation) => operationNames('voice').map((operation) => [situation, operation] as const));
  const PARAMS: Record<string, Record<string, unknown>> = { SendDtmf: { digits: '1' }, AttachUserData: { userData: { A: '1' } }, UpdateUserData: { userData: { A: '2' } }, DeleteUserDataPair: { key: 'A' } };

  it.each(cases)('%s: %s succeeds if and only if it is offered', (situation, operation) => {
    const offered = capabilitiesIn(situation).includes(operation);
    const w = voiceWorld();
    const id = SITUATIONS[situation](w);
    let refused: GwsError | undefined;
    try {
      w.act('agent1', id, operation, PARAMS[operation]);
    } catch (error) {
      if (!(error instanceof GwsError)) throw error;
      refused = error;
    }
    expect([operation, refused?.statusCode ?? 0]).toEqual([operation, offered ? 0 : 2]);
  });
});
