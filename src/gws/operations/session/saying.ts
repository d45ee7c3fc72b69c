import { z } from 'zod';
import type { LogMessage } from '../../fixture';
import { shareAgentOperation } from '../operation';
import { sampleByChattingAgent, say } from '../shared';

/**
 * The operations that put one message from the agent in the log (SendMessage and its kin): the
 * agent and the other agents in the session get a NewMessages with it.
 */
export function sayingOperation<P extends { text?: string }>(spec: {
  name: string;
  summary: string;
  params: z.ZodType<P>;
  example: Record<string, unknown>;
  type: LogMessage['type'];
  visibility: LogMessage['visibility'];
  /** The message's text from the parameters; default `text`. */
  textOf?: (params: P) => string | undefined;
}) {
  const textOf = spec.textOf ?? ((params: P) => params.text);
  return shareAgentOperation({
    name: spec.name,
    summary: spec.summary,
    params: spec.params,
    example: spec.example,
    states: ['Chatting'],
    roles: ['caller', 'others'],
    participants: ['caller'],
    perform: ({ model, session, self, params }) => say(model, session, self!, { type: spec.type, text: textOf(params), visibility: spec.visibility }),
    sample: (model, media) => sampleByChattingAgent(model, spec.name, spec.example, media),
  });
}
