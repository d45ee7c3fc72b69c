import { z } from 'zod';
import { UserDataKey } from '../params';
import { changeUserData, propertiesOperation } from './properties';

/** SetDisposition: the disposition lands in the user data, under `dispositionKey` (default DispositionCode, modelled). */
export const setDisposition = propertiesOperation({
  name: 'SetDisposition',
  summary: 'Sets the disposition (in the user data, under dispositionKey or DispositionCode)',
  params: z.object({ disposition: z.string().min(1), dispositionKey: UserDataKey.optional() }),
  example: { disposition: 'Resolved' },
  change: (session, params) =>
    changeUserData(session, (data) => {
      data[params.dispositionKey ?? 'DispositionCode'] = params.disposition;
    }),
});
