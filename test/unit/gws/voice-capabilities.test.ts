import { GwsError } from '../../../src/errors';
import { capabilitiesOf, operationNames } from '../../../src/gws/operations/registry';
import { voiceWorld } from './voice-world';

/** The capabilities as the pages' samples list them. */
const PAGES = {
  // The Dial page (8.5.2DRAFT sample).
  Dialing: ['SendDtmf', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'],
  // The Answer and SendDTMF pages.
  Established: ['SingleStepTransfer', 'InitiateConference', 'Hold', 'SingleStepConference', 'InitiateTransfer', 'SendDtmf', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'],
  // The Hold page.
  Held: ['SingleStepTransfer', 'InitiateConference', 'Retrieve', 'SingleStepConference', 'InitiateTransfer', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'],
  // The InitiateTransfer page: the original call, Held while its consultation goes on (another order there: compared as a set).
  'Held, consulting to transfer': ['UpdateUserData', 'SwapCalls', 'InitiateConference', 'SingleStepTransfer', 'InitiateTransfer', 'AttachUserData', 'DeleteUserDataPair', 'SingleStepConference', 'DeleteUserData', 'Hangup', 'CompleteTransfer'],
  // The SwapCalls page: the call retrieved, Established while the other is Held (compared as a set).
  'Established, other call held': ['UpdateUserData', 'SendDtmf', 'SwapCalls', 'InitiateConference', 'Hold', 'SingleStepTransfer', 'InitiateTransfer', 'AttachUserData', 'CompleteConference', 'DeleteUserDataPair', 'SingleStepConference', 'DeleteUserData', 'Hangup', 'CompleteTransfer'],
};
const performed = (list: string[]) => list.filter((name) => operationNames('voice').includes(name));
const sorted = (list: string[]) => [...list].sort();

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
  'Held, consulting to transfer': (w) => consulting(w, 'InitiateTransfer').original,
  'Held, consulting to conference': (w) => consulting(w, 'InitiateConference').original,
  'Dialing (a consultation to transfer)': (w) => consulting(w, 'InitiateTransfer', false).consultation,
  'Dialing (a consultation to conference)': (w) => consulting(w, 'InitiateConference', false).consultation,
  'Established (a consultation)': (w) => consulting(w, 'InitiateTransfer').consultation,
  'Established, other call held': (w) => {
    const { original, consultation } = consulting(w, 'InitiateTransfer');
    w.act('agent1', consultation, 'SwapCalls', { otherCallUri: original });
    return original;
  },
  'Held, its consultation held too (transfer)': (w) => {
    const { original, consultation } = consulting(w, 'InitiateTransfer');
    w.act('agent1', consultation, 'Hold');
    return original;
  },
  'Held, a consultation whose original is held too (transfer)': (w) => {
    const { consultation } = consulting(w, 'InitiateTransfer');
    w.act('agent1', consultation, 'Hold');
    return consultation;
  },
  'Established (a conference it owns)': (w) => conference(w, 'agent1'),
  "Established (another agent's conference)": (w) => conference(w, 'agent2'),
  'Ringing (a consultation)': (w) => {
    const id = w.legOf(w.ring('agent2'), 'agent2');
    w.act('agent2', id, 'Answer');
    const made = w.act('agent2', id, 'InitiateTransfer', { destination: { phoneNumber: '7001' } });
    return w.legOf(made.created!, 'agent1');
  },
};

/** agent1 on a customer's call consults agent2 (who answers, unless told not to): both of agent1's call ids. */
function consulting(w: ReturnType<typeof voiceWorld>, initiate: string, answeredThere = true): { original: string; consultation: string } {
  const original = answered(w);
  const made = w.act('agent1', original, initiate, { destination: { phoneNumber: '7002' } });
  if (answeredThere) w.act('agent2', w.legOf(made.created!, 'agent2'), 'Answer');
  return { original, consultation: w.legOf(made.created!, 'agent1') };
}

/** A conference of the customer, agent1 and agent2, completed by `owner` (who consulted the other): agent1's call id. */
function conference(w: ReturnType<typeof voiceWorld>, owner: string): string {
  const other = owner === 'agent1' ? 'agent2' : 'agent1';
  const connId = w.ring(owner);
  const id = w.legOf(connId, owner);
  w.act(owner, id, 'Answer');
  const made = w.act(owner, id, 'InitiateConference', { destination: { phoneNumber: w.model.deviceOf(w.user(other).id).phoneNumber } });
  w.act(other, w.legOf(made.created!, other), 'Answer');
  w.act(owner, id, 'CompleteConference');
  return w.legOf(connId, 'agent1');
}

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
  return capabilitiesOf(w.model, session, w.user('agent1').id);
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

  it("Held with a transfer's consultation going on: the InitiateTransfer page's list (SwapCalls and CompleteTransfer, no Retrieve), then StartCallRecording", () => {
    expect(sorted(capabilitiesIn('Held, consulting to transfer'))).toEqual(sorted([...PAGES['Held, consulting to transfer'], 'StartCallRecording']));
  });

  it("Held with a conference's consultation going on: the InitiateConference page's Retrieve, and CompleteConference (modelled: the page's list is cut)", () => {
    expect(capabilitiesIn('Held, consulting to conference')).toEqual([...PAGES.Held, 'CompleteConference', 'StartCallRecording']);
  });

  it("Established with its other call held: the SwapCalls page's list (both completions), then MuteCall and StartCallRecording", () => {
    expect(sorted(capabilitiesIn('Established, other call held'))).toEqual(sorted([...PAGES['Established, other call held'], 'MuteCall', 'StartCallRecording']));
    expect(sorted(capabilitiesIn('Established (a consultation)'))).toEqual(sorted(['SendDtmf', 'Hold', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData', 'SwapCalls', 'CompleteTransfer', 'CompleteConference', 'MuteCall', 'StartCallRecording']));
  });

  it("both calls of a transfer's consultation held (modelled): Retrieve on either, no SwapCalls", () => {
    expect(capabilitiesIn('Held, its consultation held too (transfer)')).toEqual(expect.arrayContaining(['Retrieve', 'CompleteTransfer']));
    expect(capabilitiesIn('Held, its consultation held too (transfer)')).not.toContain('SwapCalls');
    expect(capabilitiesIn('Held, a consultation whose original is held too (transfer)')).toEqual(expect.arrayContaining(['Retrieve', 'CompleteTransfer']));
  });

  it('a consultation still dialing (modelled): the Dial page\'s list and the completion it was initiated for', () => {
    expect(capabilitiesIn('Dialing (a consultation to transfer)')).toEqual([...PAGES.Dialing, 'CompleteTransfer']);
    expect(capabilitiesIn('Dialing (a consultation to conference)')).toEqual([...PAGES.Dialing, 'CompleteConference']);
  });

  it('a conference (modelled: three parties): ClearCall for every agent on it, RemoveParticipantFromConference for its owner only', () => {
    expect(capabilitiesIn('Established (a conference it owns)')).toEqual([...PAGES.Established, 'ClearCall', 'RemoveParticipantFromConference', 'MuteCall', 'StartCallRecording']);
    expect(capabilitiesIn("Established (another agent's conference)")).toEqual([...PAGES.Established, 'ClearCall', 'MuteCall', 'StartCallRecording']);
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
  const destination = { destination: { phoneNumber: '7003' } };
  const PARAMS: Record<string, (w: ReturnType<typeof voiceWorld>, id: string) => Record<string, unknown>> = {
    SendDtmf: () => ({ digits: '1' }),
    AttachUserData: () => ({ userData: { A: '1' } }),
    UpdateUserData: () => ({ userData: { A: '2' } }),
    DeleteUserDataPair: () => ({ key: 'A' }),
    SingleStepTransfer: () => destination,
    SingleStepConference: () => destination,
    InitiateTransfer: () => destination,
    InitiateConference: () => destination,
    // agent1's other call, where it has one.
    SwapCalls: (w, id) => ({ otherCallUri: w.model.sessionsOf(w.user('agent1').id, 'voice').map((s) => s.legs![w.user('agent1').id].id).find((other) => other !== id) ?? 'none' }),
    RemoveParticipantFromConference: () => ({ participant: '7002' }),
  };

  it.each(cases)('%s: %s succeeds if and only if it is offered', (situation, operation) => {
    const offered = capabilitiesIn(situation).includes(operation);
    const w = voiceWorld();
    const id = SITUATIONS[situation](w);
    let refused: GwsError | undefined;
    try {
      w.act('agent1', id, operation, PARAMS[operation]?.(w, id));
    } catch (error) {
      if (!(error instanceof GwsError)) throw error;
      refused = error;
    }
    expect([operation, refused?.statusCode ?? 0]).toEqual([operation, offered ? 0 : 2]);
  });
});
