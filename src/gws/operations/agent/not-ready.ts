import { z } from 'zod';
import { channelStateOperation } from './channel-state';

/** NotReady: the agent takes no new sessions of the channel; `reason` shows in its userState. */
export const notReady = channelStateOperation({
  name: 'NotReady',
  summary: 'The agent is NotReady on the channel (POST /api/v2/me/channels/{channel}), optionally with a reason',
  state: 'NotReady',
  params: z.object({ reason: z.string().min(1).optional() }),
  example: { reason: 'Lunch' },
});
