import { z } from 'zod';
import { channelStateOperation } from './channel-state';

/**
 * NotReady: the agent takes no new sessions of the channel. `reason` names one of the fixture's
 * agent states (its id, displayName and workMode then show in userState; any other reason is
 * carried as given, modelled); `workMode` (AuxWork, AfterCallWork...) as the voice pages show it.
 */
export const notReady = channelStateOperation({
  name: 'NotReady',
  summary: 'The agent is NotReady on the channel (POST /api/v2/me/channels/{channel}) or on all (POST /api/v2/me), optionally with a reason or workMode',
  state: 'NotReady',
  params: z.object({ reason: z.string().min(1).optional(), workMode: z.string().min(1).optional() }),
  example: { reason: 'Lunch' },
});
