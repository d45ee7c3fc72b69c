import { z } from 'zod';
import { sayingOperation } from './saying';

/** SendMessage: a Text from the agent, visible to All (the customer and the agents). */
export const sendMessage = sayingOperation({
  name: 'SendMessage',
  summary: 'The agent writes to the customer: a Text visible to All',
  params: z.object({ text: z.string() }),
  example: { text: 'Hello' },
  type: 'Text',
  visibility: 'All',
});
