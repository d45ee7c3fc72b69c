import type { OperationOutcome } from '../../../src/gws/operations/registry';
import { FixtureSchema, loadFixture } from '../../../src/gws/fixture';
import { DEFAULT_LIMITS } from '../../../src/gws/limits';
import { GwsModel } from '../../../src/gws/model';
import { capabilitiesOf } from '../../../src/gws/operations/registry';
import { contextFor } from '../../../src/scenario/context';
import { refusal, voiceWorld } from './voice-world';

type World = ReturnType<typeof voiceWorld>;

/** Who an outcome tells, in order, as `role:userName@connId`, its notifications on other calls in their place. */
function told(w: World, outcome: OperationOutcome): string[] {
  const own = (o: OperationOutcome) => o.recipients.map((r) => `${r.role}:${w.model.userById(r.userId)!.userName}@${o.session.id}`);
  return [...outcome.before.flatMap(own), ...own(outcome), ...outcome.after.flatMap(own)];
}

/** The numbers the first recipient's call lists in an outcome's notification. */
function partiesSeen(outcome: OperationOutcome): string[] {
  const call = contextFor(outcome, 'http://127.0.0.1:8090', outcome.recipients[0])(0).call as { participants: { phoneNumber: string }[] };
  return call.participants.map((p) => p.phoneNumber);
}

/** A customer's call answered by agent1, which consults `destination` with `initiate`: the connIds and agent1's call ids. */
function consulting(w: World, initiate = 'InitiateTransfer', destination = '7002') {
  const original = w.ring('agent1');
  const held = w.legOf(original, 'agent1');
  w.act('agent1', held, 'Answer');
  const made = w.act('agent1', held, initiate, { destination: { phoneNumber: destination } });
  const consultation = made.created!;
  return { original, consultation, held, consulting: w.legOf(consultation, 'agent1'), made };
}

describe('a two-step transfer', () => {
  it('InitiateTransfer holds the call and dials a consultation call of its own connId, tied to the original', () => {
    const w = voiceWorld();
    const { original, consultation, made } = consulting(w);
    expect(consultation).not.toBe(original);
    expect(told(w, made)).toEqual([`caller:agent1@${original}`, `consulter:agent1@${consultation}`, `destination:agent2@${consultation}`]);
    expect([w.stateOf(original, 'agent1'), w.stateOf(consultation, 'agent1'), w.stateOf(consultation, 'agent2')]).toEqual(['Held', 'Dialing', 'Ringing']);
    const call = w.model.session(consultation).call!;
    expect([call.callType, call.consultation?.parent, call.consultation?.purpose, call.parent?.leg]).toEqual(['Consult', original, 'transfer', w.legOf(original, 'agent1')]);
    expect(Object.values(w.model.session(consultation).legs!).map((leg) => leg.callType)).toEqual(['Consult', 'Consult']);
  });

  it("CompleteTransfer posted to the consultation call: agent1 leaves both calls, agent2 joins the original with its own call id", () => {
    const w = voiceWorld();
    const { original, consultation, consulting: own } = consulting(w);
    const agent2 = w.legOf(consultation, 'agent2');
    w.act('agent2', agent2, 'Answer');
    const outcome = w.act('agent1', own, 'CompleteTransfer');
    expect(told(w, outcome)).toEqual([`caller:agent1@${original}`, `consulter:agent1@${consultation}`, `participants:agent2@${original}`]);
    // agent1's two calls Released list the parties each had (the CompleteTransfer and CompleteConference pages).
    expect(outcome.before.map((part) => partiesSeen(part))).toEqual([['+14155550100'], ['7002']]);
    expect(w.model.sessionFor(w.user('agent2'), agent2, 'voice').session.id).toBe(original);
    expect([w.stateOf(original, 'agent1'), w.stateOf(original, 'agent2'), w.stateOf(consultation, 'agent1')]).toEqual(['Released', 'Established', 'Released']);
    expect(w.model.session(consultation).state).toBe('Completed');
    expect(w.model.session(original).call!.consults).toEqual({});
  });

  it('completed before the destination answers, it rings on the original; the customer hanging up then releases it', () => {
    const w = voiceWorld();
    const { original, consultation, held } = consulting(w);
    const agent2 = w.legOf(consultation, 'agent2');
    w.act('agent1', held, 'CompleteTransfer');
    expect(w.stateOf(original, 'agent2')).toBe('Ringing');
    w.act('agent2', agent2, 'Answer');
    const hungUp = w.customer('CustomerHangup', original);
    expect(told(w, hungUp)).toEqual([`released:agent2@${original}`]);
  });

  it("CompleteTransfer tells agent1's after-call work once both its calls are told Released (the page's order: the original, then the consultation)", () => {
    const w = voiceWorld();
    w.login('agent1');
    const { original, consultation, held } = consulting(w);
    w.act('agent2', w.legOf(consultation, 'agent2'), 'Answer');
    const outcome = w.act('agent1', held, 'CompleteTransfer');
    expect(told(w, outcome)).toEqual([`caller:agent1@${original}`, `consulter:agent1@${consultation}`, `participants:agent2@${original}`, `device:agent1@${original}`]);
  });

  it('the agent is not in after-call work while it holds another call: only once it has left both', () => {
    const w = voiceWorld();
    w.login('agent1');
    w.voice('agent1', 'Ready');
    const { consultation, held } = consulting(w);
    w.act('agent2', w.legOf(consultation, 'agent2'), 'Answer');
    const cancelled = w.act('agent2', w.legOf(consultation, 'agent2'), 'Hangup');
    expect(cancelled.scheduled).toEqual([]);
    expect(w.model.channels.get(w.user('agent1').id, 'voice')?.state).toBe('Ready');
    w.act('agent1', held, 'Retrieve');
    expect(w.act('agent1', held, 'Hangup').scheduled).toHaveLength(1);
  });

  it('consulting another party ends the consultation going on: its calls Released, told first', () => {
    const w = voiceWorld();
    const { original, consultation, held } = consulting(w);
    w.act('agent2', w.legOf(consultation, 'agent2'), 'Answer');
    const again = w.act('agent1', held, 'InitiateTransfer', { destination: { phoneNumber: '7003' } });
    expect(told(w, again)).toEqual([`cancelled:agent1@${consultation}`, `released:agent2@${consultation}`, `caller:agent1@${original}`, `consulter:agent1@${again.created}`, `destination:agent3@${again.created}`]);
    expect(w.model.session(original).call!.consults).toEqual({ [w.user('agent1').id]: { connId: again.created, purpose: 'transfer' } });
  });

  it('to a queue: the consultation waits for an agent Ready on voice; completed meanwhile, the original waits there instead', () => {
    const w = voiceWorld();
    const { original, consultation, held } = consulting(w, 'InitiateTransfer', '9000');
    expect(w.model.channels.waitingOn('voice')).toEqual([consultation]);
    w.act('agent1', held, 'CompleteTransfer');
    expect(w.model.channels.waitingOn('voice')).toEqual([original]);
    expect(w.model.session(original).call!.routed).toBe(true);
    w.login('agent3');
    const ready = w.voice('agent3', 'Ready');
    expect(ready.followUps.map((f) => [f.session.id, f.recipients.map((r) => r.role)])).toEqual([[original, ['invited']]]);
  });

  it('the customer hanging up during the consultation ends the original; the consultation goes on as a plain call, CompleteTransfer refused', () => {
    const w = voiceWorld();
    const { original, consultation, consulting: own } = consulting(w);
    w.act('agent2', w.legOf(consultation, 'agent2'), 'Answer');
    expect(told(w, w.customer('CustomerHangup', original))).toEqual([`released:agent1@${original}`]);
    expect(w.model.session(consultation).call!.consultation).toBeUndefined();
    expect(refusal(() => w.act('agent1', own, 'CompleteTransfer')).statusCode).toBe(2);
    expect(w.model.session(consultation).call!.parent?.leg).toBe(w.legOf(original, 'agent1'));
  });
});

describe('a conference', () => {
  function conference(w: World) {
    const calls = consulting(w, 'InitiateConference');
    w.act('agent2', w.legOf(calls.consultation, 'agent2'), 'Answer');
    const completed = w.act('agent1', calls.held, 'CompleteConference');
    return { ...calls, completed };
  }

  it('CompleteConference: the consultation released first, then every party of the original told; agent1 owns it', () => {
    const w = voiceWorld();
    const { original, consultation, completed } = conference(w);
    expect(told(w, completed)).toEqual([`consulter:agent1@${consultation}`, `caller:agent1@${original}`, `participants:agent2@${original}`]);
    expect([w.stateOf(original, 'agent1'), w.stateOf(original, 'agent2'), w.model.session(original).call!.owner]).toEqual(['Established', 'Established', w.user('agent1').id]);
  });

  it('an agent who hangs up leaves the others connected; so does the customer; the last two end it together', () => {
    const w = voiceWorld();
    const { original, held } = conference(w);
    expect(told(w, w.act('agent2', w.legOf(original, 'agent2'), 'Hangup'))).toEqual([`caller:agent2@${original}`, `participants:agent1@${original}`]);
    expect(w.stateOf(original, 'agent1')).toBe('Established');
    expect(told(w, w.act('agent1', held, 'Hangup'))).toEqual([`caller:agent1@${original}`]);
    expect(w.model.session(original).state).toBe('Completed');
  });

  it('the customer leaves a conference: both agents stay connected, told ParticipantsUpdated', () => {
    const w = voiceWorld();
    const { original } = conference(w);
    expect(told(w, w.customer('CustomerHangup', original))).toEqual([`participants:agent1@${original}`, `participants:agent2@${original}`]);
    expect(w.model.session(original).participants.map((p) => p.type)).toEqual(['Agent', 'Agent']);
  });

  it('RemoveParticipantFromConference by its owner: the removed agent Released, the parties left told', () => {
    const w = voiceWorld();
    const { original, held } = conference(w);
    const removed = w.act('agent1', held, 'RemoveParticipantFromConference', { participant: '7002' });
    expect(told(w, removed).slice(0, 2)).toEqual([`caller:agent1@${original}`, `removed:agent2@${original}`]);
    expect(refusal(() => w.act('agent1', held, 'RemoveParticipantFromConference', { participant: '+14155550100' })).message).toMatch(/two parties left/);
  });
});

describe('single-step transfers', () => {
  it('to an outside number: the call is over for gws-sim, the agent Released and nobody else told', () => {
    const w = voiceWorld();
    const original = w.ring('agent1');
    const id = w.legOf(original, 'agent1');
    w.act('agent1', id, 'Answer');
    expect(told(w, w.act('agent1', id, 'SingleStepTransfer', { destination: { phoneNumber: '+14155550199' } }))).toEqual([`caller:agent1@${original}`]);
    expect(w.model.session(original).state).toBe('Completed');
  });

  it("to an agent: it rings on the same connection with a call of the call's type, the user data given added", () => {
    const w = voiceWorld();
    const original = w.ring('agent1');
    const id = w.legOf(original, 'agent1');
    w.act('agent1', id, 'Answer');
    const outcome = w.act('agent1', id, 'SingleStepTransfer', { destination: { phoneNumber: '7003' }, userData: { Reason: 'Escalation' } });
    expect(told(w, outcome)).toEqual([`caller:agent1@${original}`, `destination:agent3@${original}`]);
    expect(partiesSeen(outcome.before[0])).toEqual(['+14155550100']);
    expect([w.model.session(original).legs![w.user('agent3').id].callType, w.model.session(original).userData]).toEqual(['Inbound', { Reason: 'Escalation' }]);
  });
});

describe('bounds', () => {
  it('a call holds at most 16 parties: SingleStepConference to one more is refused, and changes nothing', () => {
    const w = voiceWorld();
    const original = w.ring('agent1');
    const id = w.legOf(original, 'agent1');
    w.act('agent1', id, 'Answer');
    for (let n = 0; n < 14; n += 1) w.act('agent1', id, 'SingleStepConference', { destination: { phoneNumber: `+1415555${String(n).padStart(4, '0')}` } });
    const before = w.snapshot();
    const error = refusal(() => w.act('agent1', id, 'SingleStepConference', { destination: { phoneNumber: '+14155559999' } }));
    expect([error.statusCode, error.message]).toEqual([2, `Cannot SingleStepConference: call ${original} holds 16 parties, the most a conference may (modelled) for agent1.`]);
    expect(w.snapshot()).toBe(before);
  });
});

describe("a queue's number", () => {
  it("is no phone's default DN: with 2,000 users and more, the 2,000th user's phone skips 9000", () => {
    const base = loadFixture();
    const users = Array.from({ length: 2001 }, (_, i) => ({ id: `u${i}`, userName: `user${i}`, password: '', firstName: 'A', lastName: 'B' }));
    const model = new GwsModel(FixtureSchema.parse({ ...base, users, facebooksessions: [], chats: [] }));
    expect(model.devices.slice(1998).map((d) => d.phoneNumber)).toEqual(['8999', '9001', '9002']);
    expect(model.deviceByNumber('9000')).toBeUndefined();
  });

  it('Dial to it routes an internal call to the agent Ready on voice, or it waits there; a Reject sends it back', () => {
    const w = voiceWorld();
    const waiting = w.dial('agent1', '9000');
    expect(w.model.channels.waitingOn('voice')).toEqual([waiting.session.id]);
    w.login('agent3');
    const rung = w.voice('agent3', 'Ready').followUps[0];
    expect([rung.session.id, rung.recipients[0].userId, w.model.session(rung.session.id).call!.callType]).toEqual([waiting.session.id, w.user('agent3').id, 'Internal']);
    w.act('agent3', w.legOf(waiting.session.id, 'agent3'), 'Reject');
    expect(w.model.channels.waitingOn('voice')).toEqual([waiting.session.id]);
  });
});

describe('what the review found', () => {
  it("a call routed from an agent's phone (no customer) renders for the agent it rings later", () => {
    const w = voiceWorld();
    consulting(w, 'InitiateTransfer', '9000');
    w.login('agent3');
    const [rung] = w.voice('agent3', 'Ready').followUps;
    const call = contextFor(rung, 'http://127.0.0.1:8090', rung.recipients[0])(0).call as { state: string; callType: string };
    expect([call.state, call.callType]).toEqual(['Ringing', 'Consult']);
  });

  it('the consulted agent cannot be brought onto the original too (it would be on the call twice)', () => {
    const w = voiceWorld();
    const { consultation, held } = consulting(w, 'InitiateConference');
    w.act('agent2', w.legOf(consultation, 'agent2'), 'Answer');
    const error = refusal(() => w.act('agent1', held, 'SingleStepConference', { destination: { phoneNumber: '7002' } }));
    expect([error.statusCode, error.message]).toEqual([2, `Cannot SingleStepConference: agent2 (7002) is already on call ${consultation} for agent1.`]);
  });

  it('a transfer completed frees the agent: a call waiting in the queue rings it at once', () => {
    const fixture = loadFixture();
    const w = voiceWorld({ ...fixture, voice: { ...fixture.voice, wrapUpSeconds: 0 } });
    w.login('agent1');
    w.voice('agent1', 'Ready');
    const first = String(w.customer('Offer', undefined, {}).answer.id);
    const waiting = String(w.customer('Offer', undefined, { from: '+14155550111' }).answer.id);
    const id = w.legOf(first, 'agent1');
    w.act('agent1', id, 'Answer');
    const made = w.act('agent1', id, 'InitiateTransfer', { destination: { phoneNumber: '7002' } });
    w.act('agent2', w.legOf(made.created!, 'agent2'), 'Answer');
    const completed = w.act('agent1', id, 'CompleteTransfer');
    expect(completed.followUps.map((f) => [f.session.id, f.recipients.map((r) => w.model.userById(r.userId)!.userName)])).toEqual([[waiting, ['agent1']]]);
  });

  it('an agent rung again on a call it left gets a new call id, not its old mute', () => {
    const w = voiceWorld();
    const original = w.ring('agent1');
    const id = w.legOf(original, 'agent1');
    w.act('agent1', id, 'Answer');
    w.act('agent1', id, 'SingleStepConference', { destination: { phoneNumber: '7002' } });
    const first = w.legOf(original, 'agent2');
    w.act('agent2', first, 'Answer');
    w.act('agent2', first, 'MuteCall');
    w.act('agent1', id, 'RemoveParticipantFromConference', { participant: '7002' });
    w.act('agent1', id, 'SingleStepConference', { destination: { phoneNumber: '7002' } });
    const second = w.legOf(original, 'agent2');
    expect(second).not.toBe(first);
    expect(w.model.session(original).legs![w.user('agent2').id].mute).toBe(false);
    expect(refusal(() => w.act('agent2', first, 'Answer')).statusCode).toBe(6);
  });

  it('a call that never reached an agent is forgotten to make room once over', () => {
    const fixture = loadFixture();
    const model = new GwsModel(fixture, { ...DEFAULT_LIMITS, maxInteractions: fixture.facebooksessions.length + fixture.chats.length + 1 });
    const w = voiceWorld(fixture, model);
    const waiting = String(w.customer('Offer', undefined, {}).answer.id);
    w.customer('CustomerHangup', waiting);
    const next = String(w.customer('Offer', undefined, {}).answer.id);
    expect(w.model.allSessions('voice').map((s) => s.id)).toEqual([next]);
  });

  it("SwapCalls on a transfer's held original while the consultation rings: listed (the page), refused until answered", () => {
    const w = voiceWorld();
    const { held, consulting: own } = consulting(w);
    expect(capabilitiesOf(w.model, w.model.sessionFor(w.user('agent1'), held, 'voice').session, w.user('agent1').id)).toContain('SwapCalls');
    const error = refusal(() => w.act('agent1', held, 'SwapCalls', { otherCallUri: own }));
    expect([error.statusCode, error.message]).toEqual([2, `Cannot SwapCalls: call ${held} is Held and call ${own} Dialing: one must be Held and the other Established for agent1.`]);
  });
});

describe('a queue that rings an agent later', () => {
  it('SingleStepConference to a queue with nobody Ready tells nobody; once it rings an agent, the parties already on the call are told', () => {
    const w = voiceWorld();
    const original = w.ring('agent1');
    const id = w.legOf(original, 'agent1');
    w.act('agent1', id, 'Answer');
    expect(told(w, w.act('agent1', id, 'SingleStepConference', { destination: { phoneNumber: '9000' } }))).toEqual([]);
    w.login('agent3');
    const [rung] = w.voice('agent3', 'Ready').followUps;
    expect(told(w, rung)).toEqual([`invited:agent3@${original}`, `participants:agent1@${original}`]);
    expect(partiesSeen({ ...rung, recipients: rung.recipients.slice(1) })).toEqual(['+14155550100', '7003']);
  });

  it("a consultation to a queue: its initiator, Dialing, is told the party it rings once the queue rings it", () => {
    const w = voiceWorld();
    const { consultation } = consulting(w, 'InitiateTransfer', '9000');
    w.login('agent3');
    const [rung] = w.voice('agent3', 'Ready').followUps;
    expect(told(w, rung)).toEqual([`invited:agent3@${consultation}`, `participants:agent1@${consultation}`]);
  });
});
