import { z } from 'zod';
import { shareAgentOperation } from '../../operations/operation';
import { sampleByChattingAgent, say } from '../../operations/shared';

/**
 * SendNicknameUpdatedNotice, chat only (named in the chat pages' capabilities): the agent takes a
 * new `nickname`; a NicknameUpdated from it, carrying the new nickname as its text, goes to All
 * (modelled: no page shows its notification), and its participant shows the new nickname from then on.
 */
export const sendNicknameUpdatedNotice = shareAgentOperation({
  name: 'SendNicknameUpdatedNotice',
  summary: "The agent changes its nickname: a NicknameUpdated visible to All, and the participant's new nickname",
  params: z.object({ nickname: z.string().min(1) }),
  example: { nickname: 'Sam' },
  states: ['Chatting'],
  roles: ['caller', 'others'],
  participants: ['caller'],
  perform({ model, session, self, params }) {
    const renamed = { ...self!, nickname: params.nickname };
    session.participants = session.participants.map((p) => (p === self ? renamed : p));
    return say(model, session, renamed, { type: 'NicknameUpdated', text: params.nickname, visibility: 'All' });
  },
  sample: (model, media) => sampleByChattingAgent(model, 'SendNicknameUpdatedNotice', { nickname: 'Sam' }, media),
});
