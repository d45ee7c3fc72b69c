import { invite } from '../../operations/shared';
import { route } from '../../operations/routing';
import type { GwsModel, Session } from '../../model';
import type { User } from '../../fixture';
import type { Told } from '../../operations/operation';
import { callOperation } from './call-operation';
import { leaveCall, otherParties, releasedView, requireOffered, requireRoom, told } from './calls';
import { reach, TransferParams, withUserData } from './destination';
import { onEstablished } from './samples';

/**
 * Brings `destination` onto the call, with the call's user data plus `userData`: another agent's
 * phone rings with its own call of the call's type, a queue's routing point routes the call to an
 * agent Ready on voice (or it waits there), an outside number joins at once (modelled). Returns the
 * agent rung, if any.
 */
function bringIn(model: GwsModel, caller: User, operation: string, session: Session, params: TransferParams): string | undefined {
  requireOffered(session.call!.consultation === undefined, operation, caller.userName, `call ${session.legs![caller.id].id} is a consultation: complete it or hang it up first`);
  const reached = reach(model, caller, operation, params.destination.phoneNumber, session);
  requireRoom(model, session, operation, caller.userName);
  session.userData = withUserData(model, operation, session, params.userData);
  if (reached.kind === 'agent') {
    invite(model, session, { userId: reached.userId, kind: 'transfer', visibility: 'All', by: caller.id });
    return reached.userId;
  }
  if (reached.kind === 'queue') {
    session.call = { ...session.call!, routed: true };
    return route(model, session, { kind: 'transfer', visibility: 'All', by: caller.id });
  }
  session.participants = [...session.participants, { type: 'Customer', participantId: model.nextId(), nickname: reached.phoneNumber, visibility: 'All' }];
  return undefined;
}

/** The parties told of a change: the destination rung (role `destination`) and the rest (`participants`). */
const toldOf = (others: Told[], rung: string | undefined): Told[] => others.map((t) => (t.userId === rung ? { ...t, role: 'destination' } : t));

/**
 * SingleStepTransfer (its page): the call goes to `destination` and the agent's call is Released
 * (role `caller`, the page's notification); the agent goes into after-call work (role `device`).
 * The agent rung is told its call Ringing (role `destination`); other agents on the call
 * ParticipantsUpdated (role `participants`). A call transferred to an outside number is over for gws-sim.
 */
export const singleStepTransfer = callOperation<TransferParams>({
  name: 'SingleStepTransfer',
  summary: 'Transfers the call in one step: the agent leaves, the destination rings (or the queue routes it)',
  params: TransferParams,
  example: { destination: { phoneNumber: '7002' } },
  states: ['Established', 'Held'],
  roles: ['caller', 'destination', 'participants', 'device'],
  offered: ({ session }) => session.call!.consultation === undefined,
  perform({ model, caller, session, params }) {
    const seen = releasedView(session, caller.id);
    const rung = bringIn(model, caller, 'SingleStepTransfer', session, params);
    seen.userData = session.userData;
    const { others, wrapUps } = leaveCall(model, session, caller.id);
    // The agent is told its call Released with the parties it had (the page's sample) and the user data given, first.
    return {
      participants: {},
      recipients: [...toldOf(others, rung), ...wrapUps.told],
      also: [{ session: seen, recipients: [{ role: 'caller', userId: caller.id }], before: true }],
      scheduled: wrapUps.scheduled,
    };
  },
  sample: (model) => onEstablished(model, 'SingleStepTransfer', { destination: { phoneNumber: model.deviceOf(model.users[1].id).phoneNumber } }),
});

/**
 * SingleStepConference (the Call Control table: "Initiates conference with the specified number"):
 * `destination` is added to the call, the agent becomes the conference's owner. The agent and the
 * other agents on the call are told ParticipantsUpdated (roles `caller`, `participants`), the agent
 * rung its call Ringing (role `destination`); to a queue with nobody Ready, nobody is told until it
 * rings an agent. Modelled: no page shows its notifications.
 */
export const singleStepConference = callOperation<TransferParams>({
  name: 'SingleStepConference',
  summary: 'Adds a party to the call in one step: a conference',
  params: TransferParams,
  example: { destination: { phoneNumber: '7002' } },
  states: ['Established', 'Held'],
  roles: ['caller', 'destination', 'participants'],
  offered: ({ session }) => session.call!.consultation === undefined,
  perform({ model, caller, session, params }) {
    const before = session.participants.length;
    const rung = bringIn(model, caller, 'SingleStepConference', session, params);
    session.call = { ...session.call!, owner: caller.id };
    // Waiting in a queue with nobody Ready, nobody joined yet: the parties are told once it rings an agent (the queue's offer).
    if (rung === undefined && session.participants.length === before) return { participants: {}, recipients: [] };
    return told(caller.id, toldOf(otherParties(session, caller.id, 'participants'), rung));
  },
  sample: (model) => onEstablished(model, 'SingleStepConference', { destination: { phoneNumber: model.deviceOf(model.users[1].id).phoneNumber } }),
});
