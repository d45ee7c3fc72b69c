import type { OperationOutcome } from '../../../src/gws/operations/registry';
import { voiceWorld } from './voice-world';

/** The roles `userId` is told in, in the order they are played: the notifications before, the operation's own, after. */
const playedTo = (outcome: OperationOutcome, userId: string): string[] =>
  [...outcome.before, outcome, ...outcome.after].flatMap((part) => part.recipients.filter((r) => r.userId === userId).map((r) => `${r.role}:${part.session.id}`));

describe('CompleteTransfer, its notifications in order', () => {
  it("tells the initiator its original Released, then its consultation, then its after-call work (once both calls are over)", () => {
    const w = voiceWorld();
    w.login('agent1');
    const connId = w.ring('agent1');
    const original = w.legOf(connId, 'agent1');
    w.act('agent1', original, 'Answer');
    const consultation = w.act('agent1', original, 'InitiateTransfer', { destination: { phoneNumber: '7002' } }).created!;
    w.act('agent2', w.legOf(consultation, 'agent2'), 'Answer');
    const outcome = w.act('agent1', original, 'CompleteTransfer');
    expect(playedTo(outcome, w.user('agent1').id)).toEqual([`caller:${connId}`, `consulter:${consultation}`, `device:${connId}`]);
    expect(playedTo(outcome, w.user('agent2').id)).toEqual([`participants:${connId}`]);
  });
});
