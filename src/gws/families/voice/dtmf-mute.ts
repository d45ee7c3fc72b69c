import { z } from 'zod';
import { defineAgentOperation } from '../../operations/operation';
import { legOf, requireOffered, told } from './calls';
import { onEstablished } from './samples';

/** SendDtmf (the SendDTMF page): `digits`, one or more of 0-9 (and * #, modelled); the caller is told DtmfSent. */
export const sendDtmf = defineAgentOperation({
  media: 'voice',
  name: 'SendDtmf',
  summary: 'The agent sends DTMF digits on the call',
  params: z.object({ digits: z.string().regex(/^[0-9*#]{1,64}$/, 'expected 1 to 64 of 0-9, * and #') }),
  example: { digits: '1234' },
  states: ['Dialing', 'Established'],
  roles: ['caller'],
  participants: [],
  perform({ caller }) {
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'SendDtmf', { digits: '1234' }),
});

/** MuteCall (the MuteCall page): the others no longer hear the agent; `mute` On, told StatusChange. */
export const muteCall = defineAgentOperation({
  media: 'voice',
  name: 'MuteCall',
  summary: 'The agent mutes its side of the call',
  params: z.object({}),
  example: {},
  states: ['Established'],
  offered: (standing) => !legOf(standing, standing.userId).mute,
  roles: ['caller'],
  participants: [],
  perform({ caller, session, standing }) {
    const leg = legOf(standing, caller.id);
    requireOffered(!leg.mute, 'MuteCall', caller.userName, `call ${leg.id} is already muted`);
    session.legs![caller.id] = { ...leg, mute: true };
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'MuteCall'),
});

/** UnmuteCall (the UnmuteCall page): `mute` Off again. */
export const unmuteCall = defineAgentOperation({
  media: 'voice',
  name: 'UnmuteCall',
  summary: 'The agent unmutes its side of the call',
  params: z.object({}),
  example: {},
  states: ['Established'],
  offered: (standing) => legOf(standing, standing.userId).mute,
  roles: ['caller'],
  participants: [],
  perform({ caller, session, standing }) {
    const leg = legOf(standing, caller.id);
    requireOffered(leg.mute, 'UnmuteCall', caller.userName, `call ${leg.id} is not muted`);
    session.legs![caller.id] = { ...leg, mute: false };
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'UnmuteCall', {}, [{ operation: 'MuteCall', as: model.users[0].id, params: {} }]),
});
