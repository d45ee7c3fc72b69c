import { z } from 'zod';
import { defineAgentOperation, type AgentOperation } from '../../operations/operation';
import { dispatchWaiting } from '../../operations/routing';

type Defaulted = 'params' | 'example' | 'roles' | 'participants';

/**
 * An agent's operation on its call (POST /api/v2/me/calls/{id}): of the voice family, with no
 * parameters unless it names some, told to the caller alone unless it names other roles. Calls'
 * templates see the parties' calls, not named participants. After any of them, the calls waiting
 * in a queue are offered to the agents it left free and Ready (a Hangup, a transfer completed...).
 */
export function callOperation<P = Record<string, never>>(spec: Omit<AgentOperation<P>, 'actor' | 'media' | Defaulted> & Partial<Pick<AgentOperation<P>, Defaulted>>): AgentOperation<P> {
  return defineAgentOperation<P>({
    media: 'voice',
    params: z.object({}) as unknown as z.ZodType<P>,
    example: {},
    roles: ['caller'],
    participants: [],
    ...spec,
    perform(call) {
      const draft = spec.perform(call);
      return { ...draft, routed: [...(draft.routed ?? []), ...dispatchWaiting(call.model, 'voice')] };
    },
  });
}
