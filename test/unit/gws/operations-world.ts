import { GwsError } from '../../../src/errors';
import { loadFixture } from '../../../src/gws/fixture';
import { GwsModel } from '../../../src/gws/model';
import { performCustomer, performOperation, type OperationOutcome } from '../../../src/gws/operations/registry';
import { SESSION_ID } from '../../helpers/default-fixture';
import { thrown } from '../../helpers/files';

/** When the operations of these tests happen (the customer's arrival is stamped with it). */
export const T0 = 1_700_000_000_000;

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
