import { z } from 'zod';
import { Saying } from '../params';
import { sayingOperation } from './saying';

/** SendStopTypingNotification: a TypingStopped in the log, visible to All (no public page shows it: modelled). */
export const sendStopTypingNotification = sayingOperation({
  name: 'SendStopTypingNotification',
  summary: 'The agent stops typing: a TypingStopped visible to All',
  params: z.object(Saying),
  example: {},
  type: 'TypingStopped',
  visibility: 'All',
});
