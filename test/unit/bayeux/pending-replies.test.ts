import { PendingReplies } from '../../../src/bayeux/pending-replies';
import type { AuthResult } from '../../../src/auth/authenticator';

const refused = (reason: string): AuthResult => ({ ok: false, reason });

describe('PendingReplies', () => {
  it('gives the verdicts of one id back in order, per request', () => {
    const verdicts = new PendingReplies<AuthResult>();
    const [a, b] = [{}, {}];
    verdicts.put(a, '1', refused('first'));
    verdicts.put(a, '1', refused('second'));
    verdicts.put(b, '1', refused('other request'));
    expect(verdicts.take(a, '1')).toEqual(refused('first'));
    expect(verdicts.take(a, '1')).toEqual(refused('second'));
    expect(verdicts.take(a, '1')).toBeUndefined();
    expect(verdicts.take(b, '1')).toEqual(refused('other request'));
    expect(verdicts.take(b, '2')).toBeUndefined();
  });

  it('forgets an id once answered: a long-lived websocket request re-handshaking keeps nothing', () => {
    const verdicts = new PendingReplies<AuthResult>();
    const socketRequest = {};
    for (let i = 0; i < 1000; i++) {
      verdicts.put(socketRequest, String(i), refused('x'));
      verdicts.take(socketRequest, String(i));
    }
    expect(verdicts.waiting(socketRequest)).toBe(0);
    verdicts.put(socketRequest, 'late', refused('x'));
    expect(verdicts.waiting(socketRequest)).toBe(1);
  });
});
