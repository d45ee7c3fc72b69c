import { z } from 'zod';
import { UserData, UserDataKey } from '../../operations/params';
import type { AgentOperation } from '../../operations/operation';
import { callOperation } from './call-operation';
import type { Session } from '../../model';
import type { GwsModel } from '../../model';
import { otherParties, told } from './calls';
import { onEstablished } from './samples';

/**
 * The call's user data, one for the connection (the AttachUserData page): every party is told
 * AttachedDataChanged with the whole user data after the change (left out once empty).
 */
function userDataOperation<P>(spec: Pick<AgentOperation<P>, 'name' | 'summary' | 'params' | 'example'> & { change(data: Record<string, unknown>, params: P): void }) {
  return callOperation<P>({
    name: spec.name,
    summary: spec.summary,
    params: spec.params,
    example: spec.example,
    states: ['Ringing', 'Dialing', 'Established', 'Held'],
    roles: ['caller', 'others'],
    perform({ model, caller, session, params }) {
      change(model, spec.name, session, (data) => spec.change(data, params));
      return told(caller.id, otherParties(session, caller.id));
    },
    sample: (model: GwsModel) => onEstablished(model, spec.name, spec.example, spec.name.startsWith('Delete') ? [{ operation: 'AttachUserData', as: model.users[0].id, params: { userData: { AccountNumber: '12345' } } }] : []),
  });
}

/** Replaces the session's user data by a changed copy (a snapshot keeps the one before), within the limit. */
function change(model: GwsModel, operation: string, session: Session, edit: (data: Record<string, unknown>) => void): void {
  const data = { ...session.userData };
  edit(data);
  model.checkUserData(operation, data, session.userData);
  session.userData = data;
}

/** Attach and Update alike: the given keys take the given values. */
const merge = (data: Record<string, unknown>, params: { userData: Record<string, unknown> }) => void Object.assign(data, params.userData);

/** AttachUserData: adds the keys (GWS duplicates an existing key on the switch; JSON holds one value per key, so the new one wins: modelled). */
export const attachCallUserData = userDataOperation({
  name: 'AttachUserData',
  summary: "Adds keys to the call's user data",
  params: z.object({ userData: UserData }),
  example: { userData: { AccountNumber: '12345' } },
  change: merge,
});

/** UpdateUserData: sets the keys' values, adding those not there yet. */
export const updateCallUserData = userDataOperation({
  name: 'UpdateUserData',
  summary: "Sets values of keys in the call's user data",
  params: z.object({ userData: UserData }),
  example: { userData: { AccountNumber: '12345678' } },
  change: merge,
});

/** DeleteUserData (the DeleteUserData page): removes all of the call's user data. */
export const deleteCallUserData = userDataOperation({
  name: 'DeleteUserData',
  summary: "Removes all of the call's user data",
  params: z.object({}),
  example: {},
  change: (data) => {
    for (const key of Object.keys(data)) delete data[key];
  },
});

/** DeleteUserDataPair: removes one key; a key that is not there is ignored (modelled). */
export const deleteUserDataPair = userDataOperation({
  name: 'DeleteUserDataPair',
  summary: "Removes one key from the call's user data",
  params: z.object({ key: UserDataKey }),
  example: { key: 'AccountNumber' },
  change: (data, params) => {
    delete data[params.key];
  },
});
