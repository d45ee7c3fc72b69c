import { z } from 'zod';
import { defineAgentOperation } from '../operation';
import { sampleByChattingAgent, say } from '../shared';

/** SendStopTypingNotification: a TypingStopped in the log, visible to All (no public page shows it: modelled). */
export const sendStopTypingNotification = defineAgentOperation({
  media: 'facebook',
  name: 'SendStopTypingNotification',
  summary: 'The agent stops typing: a TypingStopped visible to All',
  params: z.object({}),
  example: {},
  states: ['Chatting'],
  roles: ['caller', 'others'],
  participants: ['caller'],
  perform: ({ model, session, self }) => say(model, session, self!, { type: 'TypingStopped', visibility: 'All' }),
  sample: (model) => sampleByChattingAgent(model, 'SendStopTypingNotification', {}),
});
