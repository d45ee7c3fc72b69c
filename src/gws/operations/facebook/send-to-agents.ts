import { z } from 'zod';
import { defineAgentOperation } from '../operation';
import { sampleByChattingAgent, say } from '../shared';

/** SendToAgents: a Text the other agents see and the customer does not (visibility Agents). */
export const sendToAgents = defineAgentOperation({
  media: 'facebook',
  name: 'SendToAgents',
  summary: 'The agent writes to the other agents only: a Text visible to Agents',
  params: z.object({ text: z.string() }),
  example: { text: 'Can you take this one?' },
  states: ['Chatting'],
  roles: ['caller', 'others'],
  participants: ['caller'],
  perform: ({ model, session, self, params }) => say(model, session, self!, { type: 'Text', text: params.text, visibility: 'Agents' }),
  sample: (model) => sampleByChattingAgent(model, 'SendToAgents', { text: 'Can you take this one?' }),
});
