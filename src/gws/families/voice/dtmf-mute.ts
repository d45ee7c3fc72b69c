import { z } from 'zod';
import { callOperation } from './call-operation';
import { legOf, requireOffered, told } from './calls';
import { onEstablished } from './samples';

/** SendDtmf (the SendDTMF page): `digits`, one or more of 0-9 (and * #, modelled); the caller is told DtmfSent. */
export const sendDtmf = callOperation({
  name: 'SendDtmf',
  summary: 'The agent sends DTMF digits on the call',
  params: z.object({ digits: z.string().regex(/^[0-9*#]{1,64}$/, 'expected 1 to 64 of 0-9, * and #') }),
  example: { digits: '1234' },
  states: ['Dialing', 'Established'],
  perform({ caller }) {
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'SendDtmf', { digits: '1234' }),
});

/**
 * MuteCall and UnmuteCall (the MuteCall and UnmuteCall pages): the others no longer hear the agent,
 * or hear it again; `mute` On or Off, told StatusChange. Each is offered only where it changes
 * something (modelled: the UnmuteCall page's sample still lists UnmuteCall once unmuted).
 */
function muteOperation(name: string, summary: string, mute: boolean) {
  return callOperation({
    name,
    summary,
    states: ['Established'],
    offered: (standing) => legOf(standing, standing.userId).mute !== mute,
    perform({ caller, session, standing }) {
      const leg = legOf(standing, caller.id);
      requireOffered(leg.mute !== mute, name, caller.userName, `call ${leg.id} is ${mute ? 'already' : 'not'} muted`);
      session.legs![caller.id] = { ...leg, mute };
      return told(caller.id);
    },
    sample: (model) => onEstablished(model, name, {}, mute ? [] : [{ operation: 'MuteCall', as: model.users[0].id, params: {} }]),
  });
}

export const muteCall = muteOperation('MuteCall', 'The agent mutes its side of the call', true);
export const unmuteCall = muteOperation('UnmuteCall', 'The agent unmutes its side of the call', false);
