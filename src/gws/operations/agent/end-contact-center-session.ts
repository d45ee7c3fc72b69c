import { z } from 'zod';
import { gwsError } from '../../../errors';
import { familyNamed, toldOfChannels } from '../../families';
import { defineAgentStateOperation } from '../operation';
import { routedSessionsOf } from '../routing';
import { afterLogin } from './start-contact-center-session';

/**
 * EndContactCenterSession (POST /api/v2/me): the agent logs out of every channel, which its
 * notification shows LoggedOut. Refused while a routed session (a chat) is offered to it or open
 * on its desktop (modelled: Reject, Complete or Leave it first); ending a session never started
 * does nothing on the channels. It ends the agent's HTTP session too (the page: it invalidates the
 * client's HTTP session): its JSESSIONID is refused afterwards.
 */
export const endContactCenterSession = defineAgentStateOperation({
  name: 'EndContactCenterSession',
  summary: 'The agent logs out of all its channels (POST /api/v2/me)',
  target: 'me',
  params: z.object({}),
  example: {},
  roles: ['agent', 'device'],
  participants: [],
  perform({ model, caller }) {
    const open = routedSessionsOf(model, caller.id);
    if (open.length > 0) {
      // A call is named by the agent's own call id, as its desktop knows it.
      const names = open.map((s) => `${familyNamed(s.media).resource} ${s.legs?.[caller.id]?.id ?? s.id}`);
      throw gwsError('SESSIONS_OPEN', caller.userName, names, [...new Set(open.map((s) => familyNamed(s.media).endedBy))].join(', or '));
    }
    const ended = model.channels.logout(caller.id);
    return { recipients: toldOfChannels(caller.id, ended.map((c) => c.channel)), channels: ended, endsHttpSession: true };
  },
  sample: (model) => afterLogin(model, { operation: 'EndContactCenterSession', params: {} }),
});
