import { z } from 'zod';
import { callOperation } from './call-operation';
import { isConference, leaveCall, requireOffered } from './calls';
import { conference } from './samples';
import { Destination } from './destination';
import type { GwsModel, Session } from '../../model';

/** The party `phoneNumber` names on the call: an agent by its DN (user id), or a customer by its number (participant id). */
function partyNumbered(model: GwsModel, session: Session, phoneNumber: string): { leaver: string; agent: boolean } | undefined {
  const device = model.deviceByNumber(phoneNumber);
  const state = device && session.states[device.userId];
  if (device && state !== undefined && state !== 'Released') return { leaver: device.userId, agent: true };
  const customer = session.participants.find((p) => p.type === 'Customer' && p.nickname === phoneNumber);
  return customer && { leaver: customer.participantId, agent: false };
}

/**
 * RemoveParticipantFromConference on a call (its page): `participant` is the number of the party
 * removed; only the conference's owner (the agent who completed it) may. The removed agent's call
 * is Released (role `removed`); the parties left are told ParticipantsUpdated (roles `caller`,
 * `participants`), and the removed agent goes into after-call work (role `device`). Offered to the
 * owner of a conference of three parties or more (modelled: the page shows no capability list with it).
 */
export const removeParticipantFromCall = callOperation({
  name: 'RemoveParticipantFromConference',
  summary: "The conference's owner removes a party, by its number",
  params: z.object({ participant: Destination.shape.phoneNumber.meta({ description: 'the number of the party to remove', format: 'gws-phone-number' }) }),
  example: { participant: '7002' },
  states: ['Established'],
  roles: ['caller', 'removed', 'participants', 'device'],
  offered: ({ session, userId }) => session.call!.owner === userId && isConference(session),
  perform({ model, caller, session, params }) {
    const own = session.legs![caller.id].id;
    const owner = session.call!.owner === undefined ? undefined : model.userById(session.call!.owner)?.userName;
    requireOffered(session.call!.owner === caller.id, 'RemoveParticipantFromConference', caller.userName, owner ? `only the conference's owner, ${owner}, may remove participants from it` : `call ${own} is not a conference ${caller.userName} owns (CompleteConference or SingleStepConference makes one)`);
    requireOffered(isConference(session), 'RemoveParticipantFromConference', caller.userName, `call ${own} has two parties left: Hangup ends it`);
    requireOffered(params.participant !== model.deviceOf(caller.id).phoneNumber, 'RemoveParticipantFromConference', caller.userName, `${params.participant} is the caller's own phone: Hangup leaves the conference`);
    const party = partyNumbered(model, session, params.participant);
    const numbers = [...session.participants.flatMap((p) => (p.type === 'Customer' ? [p.nickname] : [])), ...Object.keys(session.states).filter((id) => session.states[id] !== 'Released').map((id) => model.deviceOf(id).phoneNumber)];
    requireOffered(party !== undefined, 'RemoveParticipantFromConference', caller.userName, `${params.participant} is not a party of call ${own}; its parties are ${numbers.join(', ')}`);
    const { others, wrapUps } = leaveCall(model, session, party!.leaver);
    return {
      participants: {},
      recipients: [
        ...others.map((t) => (t.userId === caller.id ? { ...t, role: 'caller' } : t)),
        ...(party!.agent ? [{ role: 'removed', userId: party!.leaver }] : []),
        ...wrapUps.told,
      ],
      scheduled: wrapUps.scheduled,
    };
  },
  sample: (model) => [...conference(model), { operation: 'RemoveParticipantFromConference', as: model.users[0].id, params: { participant: model.deviceOf(model.users[1].id).phoneNumber } }],
});
