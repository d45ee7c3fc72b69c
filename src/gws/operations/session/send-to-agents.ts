import { z } from 'zod';
import { Saying } from '../params';
import { sayingOperation } from './saying';

/** SendToAgents: a Text the other agents see and the customer does not (visibility Agents). */
export const sendToAgents = sayingOperation({
  name: 'SendToAgents',
  summary: 'The agent writes to the other agents only: a Text visible to Agents',
  params: z.object({ ...Saying, text: z.string() }),
  example: { text: 'Can you take this one?' },
  type: 'Text',
  visibility: 'Agents',
});
