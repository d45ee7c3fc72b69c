import { z } from 'zod';
import { sayingOperation } from './saying';

/** SendStopTypingNotification: a TypingStopped in the log, visible to All (no public page shows it: modelled). */
export const sendStopTypingNotification = sayingOperation({
  name: 'SendStopTypingNotification',
  summary: 'The agent stops typing: a TypingStopped visible to All',
  params: z.object({}) as z.ZodType<{ text?: string }>,
  example: {},
  type: 'TypingStopped',
  visibility: 'All',
});
