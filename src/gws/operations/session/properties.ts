import type { z } from 'zod';
import type { Session } from '../../model';
import { shareAgentOperation } from '../operation';
import { othersOf, sampleByChattingAgent } from '../shared';

/**
 * The operations that change the session's properties (user data, comment): each agent in the
 * session gets a PropertiesUpdated. They are allowed while chatting and after leaving, until Complete.
 */
export function propertiesOperation<P>(spec: {
  name: string;
  summary: string;
  params: z.ZodType<P>;
  example: Record<string, unknown>;
  change(session: Session, params: P): void;
}) {
  return shareAgentOperation({
    name: spec.name,
    summary: spec.summary,
    params: spec.params,
    example: spec.example,
    states: ['Chatting', 'LeftChat'],
    roles: ['caller', 'others'],
    participants: [],
    perform({ model, caller, session, params }) {
      const before = session.userData;
      spec.change(session, params);
      if (session.userData !== before) {
        try {
          model.checkUserData(spec.name, session.userData, before);
        } catch (error) {
          session.userData = before;
          throw error;
        }
      }
      return { participants: {}, recipients: [{ role: 'caller', userId: caller.id }, ...othersOf(session, caller.id)] };
    },
    sample: (model, media) => sampleByChattingAgent(model, spec.name, spec.example, media),
  });
}

/** Replaces the session's user data (never changed in place: snapshots share it). */
export function changeUserData(session: Session, change: (data: Record<string, unknown>) => void): void {
  const data = { ...session.userData };
  change(data);
  session.userData = data;
}
