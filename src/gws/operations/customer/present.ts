import { gwsError } from '../../../errors';
import type { Participant } from '../../fixture';
import type { Session } from '../../model';
import { agentsOf, type GwsModel } from '../../model';
import type { Draft, SampleCall } from '../operation';
import type { MediaName } from '../../families';

/** The session's customer while it is still there; refused with statusCode 2 once it has left. */
export function presentCustomer(session: Session | undefined): { session: Session; customer: Participant } {
  const customer = session?.participants.find((p) => p.type === 'Customer');
  if (!session || !customer || session.state === 'Completed') throw gwsError('CUSTOMER_GONE', session?.id ?? '(none)');
  return { session, customer };
}

/** Every agent in the session, told in role `agents`. */
export function agentsTold(session: Session, participants: Draft['participants'], messages: Draft['messages']): Draft {
  return { participants, messages, recipients: agentsOf(session).map((a) => ({ role: 'agents', userId: a.userId })) };
}

/** A customer's action on the first session of the medium where a customer and an agent chat. */
export function sampleOnChat(model: GwsModel, operation: string, params: Record<string, unknown>, media: MediaName): SampleCall[] | undefined {
  const session = model.allSessions(media).find((s) => s.participants.some((p) => p.type === 'Customer') && agentsOf(s).length > 0);
  return session && [{ operation, session: session.id, params }];
}
