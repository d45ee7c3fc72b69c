import { z } from 'zod';
import { UserData } from '../params';
import { changeUserData, propertiesOperation } from './properties';

const merge = (session: Parameters<typeof changeUserData>[0], params: { userData: Record<string, unknown> }) =>
  changeUserData(session, (data) => Object.assign(data, params.userData));

/** AttachUserData: adds the keys to the session's user data (an existing key takes the new value: JSON has one value per key). */
export const attachUserData = propertiesOperation({
  name: 'AttachUserData',
  summary: 'Adds keys to the session user data',
  params: z.object({ userData: UserData }),
  example: { userData: { Reason: 'Billing' } },
  change: merge,
});

/** UpdateUserData: sets the given keys' values, adding those not there yet. */
export const updateUserData = propertiesOperation({
  name: 'UpdateUserData',
  summary: 'Sets values of keys in the session user data',
  params: z.object({ userData: UserData }),
  example: { userData: { Reason: 'Refund' } },
  change: merge,
});

/** DeleteUserData: removes the keys; a key that is not there is ignored (modelled). */
export const deleteUserData = propertiesOperation({
  name: 'DeleteUserData',
  summary: 'Removes keys from the session user data',
  params: z.object({ keys: z.array(z.string()).min(1) }),
  example: { keys: ['Reason'] },
  change: (session, params) =>
    changeUserData(session, (data) => {
      for (const key of params.keys) delete data[key];
    }),
});
