import { z } from 'zod';
import { defineAgentOperation, type AgentOperation } from '../../operations/operation';
import { dispatchWaiting } from '../../operations/routing';
import type { Session } from '../../model';

/** The agents on the call, not Released. */
const onCall = (session: Session) => Object.keys(session.states).filter((userId) => session.states[userId] !== 'Released');

type Defaulted = 'params' | 'example' | 'roles' | 'participants';

/**
 * An agent's operation on its call (POST /api/v2/me/calls/{id}): of the voice family, with no
 * parameters unless it names some, told to the caller alone unless it names other roles. Calls'
 * templates see the parties' calls, not named participants. After any of them that released an
 * agent's call, the calls waiting in a queue are offered to the agents it left free and Ready (a
 * Hangup, a transfer completed...).
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
      const before = onCall(call.session);
      const draft = spec.perform(call);
      // Routing scans the Ready agents: only when the operation may have freed a phone.
      const freed = before.some((userId) => call.session.states[userId] === 'Released' || call.session.states[userId] === undefined) || (draft.also ?? []).length > 0;
      return freed ? { ...draft, routed: [...(draft.routed ?? []), ...dispatchWaiting(call.model, 'voice')] } : draft;
    },
  });
}
