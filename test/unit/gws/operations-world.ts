import { GwsError } from '../../../src/errors';
import { loadFixture } from '../../../src/gws/fixture';
import { GwsModel } from '../../../src/gws/model';
import { performCustomer, performOperation, type OperationOutcome } from '../../../src/gws/operations/registry';
import { SESSION_ID } from '../../helpers/default-fixture';
import { thrown } from '../../helpers/files';

/** When the operations of these tests happen (the customer's arrival is stamped with it). */
export const T0 = 1_700_000_000_000;

/** What an invited agent may do. */
export const INVITED = ['Accept', 'Reject'];
/** What a chatting agent visible to All may do alone with the customer. */
export const ALONE_ALL = [
  'SendMessage',
  'SendToAgents',
  'SendStartTypingNotification',
  'SendStopTypingNotification',
  'Consult',
  'Transfer',
  'Leave',
  'Complete',
  'SetDisposition',
  'AttachUserData',
  'UpdateUserData',
  'DeleteUserData',
  'AddComment',
];
/** A chatting agent visible to All with another agent there: it may also remove that agent. */
export const CONFERENCE_ALL = [...ALONE_ALL.slice(0, 8), 'RemoveParticipantFromConference', ...ALONE_ALL.slice(8)];
/** A chatting agent visible to Agents (a consultant): it may neither transfer nor remove. */
export const AGENTS_ONLY = ALONE_ALL.filter((name) => name !== 'Transfer');
/** An agent who left the chat (or whose customer left): it may set properties and Complete. */
export const LEFT = ['Complete', 'SetDisposition', 'AttachUserData', 'UpdateUserData', 'DeleteUserData', 'AddComment'];

/**
 * The embedded fixture's model, with the calls the tests make on it: `act` as an agent by user
 * name, `customer` for the customer's side, `offerTo` an arrival (its session id).
 */
export function world() {
  const model = new GwsModel(loadFixture());
  const user = (userName: string) => {
    const found = model.userByName(userName);
    if (!found) throw new Error(`no ${userName} in the fixture`);
    return found;
  };
  const act = (by: string, operationName: string, params: Record<string, unknown> = {}, sessionId = SESSION_ID): OperationOutcome =>
    performOperation(model, user(by), sessionId, { operationName, ...params }, 'facebook', T0);
  const customer = (name: string, sessionId: string | undefined, params: Record<string, unknown> = {}): OperationOutcome =>
    performCustomer(model, name, sessionId, params, 'facebook', T0);
  const offerTo = (userName: string) => String(customer('Offer', undefined, { offerTo: userName, customer: 'Alice', text: 'Hi' }).answer.id);
  const stateOf = (userName: string, sessionId = SESSION_ID) => model.session(sessionId).states[user(userName).id];
  return { model, user, act, customer, offerTo, stateOf, session: (sessionId = SESSION_ID) => model.session(sessionId) };
}

export const refusal = (call: () => unknown) => thrown(GwsError, call);

/** Each recipient as [role, userId, state]. */
export const told = (outcome: OperationOutcome) => outcome.recipients.map((r) => [r.role, r.userId, r.state]);
