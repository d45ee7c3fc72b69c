import { z } from 'zod';
import { channelStateOperation } from './channel-state';

/** Ready: the agent takes new sessions of the channel; those waiting there are offered to it. */
export const ready = channelStateOperation({
  name: 'Ready',
  summary: 'The agent is Ready on the channel (POST /api/v2/me/channels/{channel}) or on all (POST /api/v2/me): routed sessions are offered to it',
  state: 'Ready',
  params: z.object({}) as z.ZodType<{ reason?: string }>,
  example: {},
});
