import { z } from 'zod';
import { Saying } from '../../operations/params';
import { sayingOperation } from '../../operations/session/saying';

/**
 * SendStartTypingToAgentsNotification and SendStopTypingToAgentsNotification, chat only (named in
 * the chat pages' capabilities): a TypingStarted or TypingStopped the other agents see and the
 * customer does not (visibility Agents; modelled as the typing notifications to All).
 */
export const sendStartTypingToAgentsNotification = sayingOperation({
  name: 'SendStartTypingToAgentsNotification',
  summary: 'The agent starts typing to the other agents: a TypingStarted visible to Agents',
  params: z.object(Saying),
  example: {},
  type: 'TypingStarted',
  visibility: 'Agents',
});

export const sendStopTypingToAgentsNotification = sayingOperation({
  name: 'SendStopTypingToAgentsNotification',
  summary: 'The agent stops typing to the other agents: a TypingStopped visible to Agents',
  params: z.object(Saying),
  example: {},
  type: 'TypingStopped',
  visibility: 'Agents',
});
