import { z } from 'zod';
import { sayingOperation } from '../../operations/session/saying';

/**
 * SendCustomNoticeToAgents, chat only (named in the chat pages' capabilities): a CustomNotice
 * with `noticeText` the other agents see and the customer does not (visibility Agents; modelled
 * as SendCustomNotice's).
 */
export const sendCustomNoticeToAgents = sayingOperation({
  name: 'SendCustomNoticeToAgents',
  summary: 'The agent sends a custom notice (noticeText) to the other agents only: a CustomNotice visible to Agents',
  params: z.object({ noticeText: z.string().min(1) }) as z.ZodType<{ noticeText: string; text?: string }>,
  example: { noticeText: 'Supervisor is listening' },
  type: 'CustomNotice',
  visibility: 'Agents',
  textOf: (params) => params.noticeText,
});
