import { z } from 'zod';
import { defineAgentOperation } from '../operation';
import { sampleByChattingAgent, say } from '../shared';

/** SendMessage: a Text from the agent, visible to All (the customer and the agents). */
export const sendMessage = defineAgentOperation({
  media: 'facebook',
  name: 'SendMessage',
  summary: 'The agent writes to the customer: a Text visible to All',
  params: z.object({ text: z.string() }),
  example: { text: 'Hello' },
  states: ['Chatting'],
  roles: ['caller', 'others'],
  participants: ['caller'],
  perform: ({ model, session, self, params }) => say(model, session, self!, { type: 'Text', text: params.text, visibility: 'All' }),
  sample: (model) => sampleByChattingAgent(model, 'SendMessage', { text: 'Hello' }),
});
