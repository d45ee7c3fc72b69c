import { GwsError } from '../../../src/errors';
import { loadFixture, type Fixture } from '../../../src/gws/fixture';
import { GwsModel } from '../../../src/gws/model';
import { performAgentState, performCreating, performCustomer, performOnDevice, performOperation, type OperationOutcome } from '../../../src/gws/operations/registry';
import { thrown } from '../../helpers/files';
import { T0 } from './operations-world';

/**
 * The embedded fixture's model with calls on it: `dial`, `act` on the agent's own call (by user
 * name), `customer` for the caller's side, `voice` for the agent's state on voice.
 */
export function voiceWorld(fixture: Fixture = loadFixture(), model = new GwsModel(fixture)) {
  const user = (userName: string) => model.userByName(userName)!;
  const dial = (by: string, phoneNumber: string, params: Record<string, unknown> = {}, deviceId = model.deviceOf(user(by).id).id): OperationOutcome =>
    performCreating(model, user(by), deviceId, { operationName: 'Dial', destination: { phoneNumber }, ...params }, 'voice', T0);
  const act = (by: string, callId: string, operationName: string, params: Record<string, unknown> = {}): OperationOutcome =>
    performOperation(model, user(by), callId, { operationName, ...params }, 'voice', T0);
  const customer = (name: string, connId: string | undefined, params: Record<string, unknown> = {}): OperationOutcome =>
    performCustomer(model, name, connId, params, 'voice', T0);
  const voice = (by: string, operationName: string, params: Record<string, unknown> = {}) => performAgentState(model, user(by), 'voice', { operationName, ...params }, T0);
  const login = (by: string) => performAgentState(model, user(by), undefined, { operationName: 'StartContactCenterSession', channels: ['voice'] }, T0);
  const onDevice = (by: string, operationName: string, deviceId = model.deviceOf(user(by).id).id) => performOnDevice(model, user(by), deviceId, { operationName }, T0);
  /** `userName`'s own call id of the connection. */
  const legOf = (connId: string, userName: string) => model.session(connId).legs![user(userName).id].id;
  /** A customer's call ringing `userName` directly: its connId. */
  const ring = (userName: string) => String(customer('Offer', undefined, { offerTo: userName }).answer.id);
  const stateOf = (connId: string, userName: string) => model.session(connId).states[user(userName).id];
  /** Everything a refusal must leave as it was: the calls, the agents' channels, the last referenceId. */
  const snapshot = () => JSON.stringify([model.allSessions('voice'), model.users.map((u) => [model.channels.of(u.id), model.channels.isDoNotDisturb(u.id)]), model.channels.waitingOn('voice'), model.lastReference]);
  return { model, user, dial, act, customer, voice, login, onDevice, legOf, ring, stateOf, snapshot };
}

export const refusal = (call: () => unknown) => thrown(GwsError, call);
