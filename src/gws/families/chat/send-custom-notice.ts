import { z } from 'zod';
import { sayingOperation } from '../../operations/session/saying';

/**
 * SendCustomNotice, chat only (GWS's chat page): a CustomNotice from the agent with `noticeText`,
 * visible to All; the agent and the other agents get a NewMessages with it.
 */
export const sendCustomNotice = sayingOperation({
  name: 'SendCustomNotice',
  summary: 'The agent sends a custom notice (noticeText): a CustomNotice visible to All',
  params: z.object({ noticeText: z.string().min(1) }) as z.ZodType<{ noticeText: string; text?: string }>,
  example: { noticeText: 'The customer was sent a survey' },
  type: 'CustomNotice',
  visibility: 'All',
  textOf: (params) => params.noticeText,
});
