import { randomBytes } from 'node:crypto';
import { Authenticator, SESSION_COOKIE } from '../../../src/auth/authenticator';
import { loadFixture } from '../../../src/gws/fixture';
import { GwsModel } from '../../../src/gws/model';

describe('JSESSIONID sessions, signed so that every node of a cluster knows them', () => {
  const model = new GwsModel(loadFixture());
  const [agent1, agent2] = model.users;
  const cookieOf = (sessionId: string) => ({ cookie: `${SESSION_COOKIE}=${sessionId}` });

  it('a session opened on one node is accepted by another with the same secret, not by one with another', () => {
    const secret = randomBytes(32);
    const here = new Authenticator(model, undefined, secret);
    const there = new Authenticator(model, undefined, secret);
    const elsewhere = new Authenticator(model);
    const sessionId = here.openSession(agent1);
    expect(sessionId).toMatch(/^[0-9A-F]{32}$/);
    expect(there.fromHeaders(cookieOf(sessionId))).toEqual({ ok: true, user: agent1 });
    expect(there.csrfToken(agent1)).toBe(here.csrfToken(agent1));
    expect(elsewhere.fromHeaders(cookieOf(sessionId))).toMatchObject({ ok: false, reason: expect.stringMatching(/not a session of this simulator/) });
    expect(here.openSession(agent2)).not.toBe(sessionId);
  });

  it('an ended session is refused everywhere it ended; the next login gets a new one', () => {
    const secret = randomBytes(32);
    const here = new Authenticator(model, undefined, secret);
    const there = new Authenticator(model, undefined, secret);
    const before = here.openSession(agent1);
    const token = here.csrfToken(agent1);
    // EndContactCenterSession is a change every node applies.
    here.endSession(agent1);
    there.endSession(agent1);
    expect(there.fromHeaders(cookieOf(before)).ok).toBe(false);
    const after = here.openSession(agent1);
    expect(after).not.toBe(before);
    expect(there.fromHeaders(cookieOf(after))).toEqual({ ok: true, user: agent1 });
    expect(here.csrfToken(agent1)).not.toBe(token);
  });
});
