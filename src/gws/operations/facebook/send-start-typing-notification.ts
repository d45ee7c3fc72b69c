import { z } from 'zod';
import { defineAgentOperation } from '../operation';
import { sampleByChattingAgent, say } from '../shared';

/** SendStartTypingNotification: a TypingStarted in the log, visible to All; `text` is an optional preview. */
export const sendStartTypingNotification = defineAgentOperation({
  media: 'facebook',
  name: 'SendStartTypingNotification',
  summary: 'The agent starts typing: a TypingStarted visible to All',
  params: z.object({ text: z.string().optional() }),
  example: {},
  states: ['Chatting'],
  roles: ['caller', 'others'],
  participants: ['caller'],
  perform: ({ model, session, self, params }) => say(model, session, self!, { type: 'TypingStarted', text: params.text, visibility: 'All' }),
  sample: (model) => sampleByChattingAgent(model, 'SendStartTypingNotification', {}),
});
