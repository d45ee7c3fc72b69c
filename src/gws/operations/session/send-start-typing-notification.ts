import { z } from 'zod';
import { Saying } from '../params';
import { sayingOperation } from './saying';

/** SendStartTypingNotification: a TypingStarted in the log, visible to All; `text` is an optional preview. */
export const sendStartTypingNotification = sayingOperation({
  name: 'SendStartTypingNotification',
  summary: 'The agent starts typing: a TypingStarted visible to All',
  params: z.object(Saying),
  example: {},
  type: 'TypingStarted',
  visibility: 'All',
});
