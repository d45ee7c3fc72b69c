import { AGENT1_ID, AGENT2_ID, SESSION_ID } from '../../helpers/default-fixture';
import { AGENTS_ONLY, CONFERENCE_ALL, LEFT } from './capabilities';
import { world } from './operations-world';

/** The operations that change the session's properties: user data and comment. */
describe.each([
  ['SetDisposition', { disposition: 'Resolved' }, { DispositionCode: 'Resolved' }],
  ['SetDisposition', { disposition: 'Resolved', dispositionKey: 'Outcome' }, { Outcome: 'Resolved' }],
  ['AttachUserData', { userData: { Reason: 'Billing', FirstName: 'Vit' } }, { Reason: 'Billing', FirstName: 'Vit' }],
  ['UpdateUserData', { userData: { Reason: 'Refund' } }, { Reason: 'Refund' }],
])('%s %j', (operation, params, expected) => {
  it('sets the keys in the user data and tells every agent; no participants, no log entry, nobody changes state', () => {
    const { act, session } = world();
    const before = { ...session().userData };
    const outcome = act('agent1', operation, params);
    expect(outcome.session.userData).toEqual({ ...before, ...expected });
    expect(session().userData).toEqual({ ...before, ...expected });
    expect(outcome.participants).toEqual({});
    expect(outcome.messages).toEqual({});
    expect(session().messages).toHaveLength(4);
    expect(outcome.recipients).toEqual([
      { role: 'caller', userId: AGENT1_ID, state: 'Chatting', capabilities: CONFERENCE_ALL },
      { role: 'others', userId: AGENT2_ID, state: 'Chatting', capabilities: AGENTS_ONLY },
    ]);
  });
});

describe('DeleteUserData', () => {
  it('removes the keys given and ignores those not there', () => {
    const { act, session } = world();
    act('agent1', 'DeleteUserData', { keys: ['FirstName', 'LastName', 'NotThere'] });
    expect(session().userData).not.toHaveProperty('FirstName');
    expect(session().userData).not.toHaveProperty('LastName');
    expect(session().userData).toHaveProperty('FromAddress', 'VitaliyOnv');
  });

  it('leaves the user data of an earlier outcome as it was (the data is replaced, not changed)', () => {
    const { act } = world();
    const attached = act('agent1', 'AttachUserData', { userData: { Reason: 'Billing' } });
    act('agent1', 'DeleteUserData', { keys: ['Reason'] });
    expect(attached.session.userData).toHaveProperty('Reason', 'Billing');
  });
});

describe('AddComment', () => {
  it("sets the session's comment, the last one given", () => {
    const { act, session } = world();
    act('agent1', 'AddComment', { comment: 'first' });
    const outcome = act('agent2', 'AddComment', { comment: 'Customer asked for a callback' });
    expect(outcome.session.comment).toBe('Customer asked for a callback');
    expect(session().comment).toBe('Customer asked for a callback');
    expect(outcome.recipients.map((r) => [r.role, r.userId])).toEqual([
      ['caller', AGENT2_ID],
      ['others', AGENT1_ID],
    ]);
  });
});

describe('the properties operations after the agent left the chat', () => {
  it.each([
    ['SetDisposition', { disposition: 'Resolved' }],
    ['AttachUserData', { userData: { Reason: 'Billing' } }],
    ['UpdateUserData', { userData: { Reason: 'Refund' } }],
    ['DeleteUserData', { keys: ['Reason'] }],
    ['AddComment', { comment: 'done' }],
  ])('%s is allowed in LeftChat, and the agent stays LeftChat', (operation, params) => {
    const { act, customer, stateOf } = world();
    customer('CustomerLeave', SESSION_ID);
    const outcome = act('agent1', operation, params);
    expect(outcome.recipients[0]).toEqual({ role: 'caller', userId: AGENT1_ID, state: 'LeftChat', capabilities: LEFT });
    expect(stateOf('agent1')).toBe('LeftChat');
  });
});
