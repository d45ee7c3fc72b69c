import type { z } from 'zod';
import { gwsError } from '../../../errors';
import type { ChannelState } from '../../channels';
import { CHANNELS } from '../../media';
import { defineAgentStateOperation } from '../operation';
import { dispatchWaiting } from '../routing';
import { afterLogin } from './start-contact-center-session';

/**
 * Ready and NotReady (POST /api/v2/me/channels/{channel}): the agent's state on a channel it is
 * logged in on. An agent Ready on a channel is offered the sessions waiting there (routing.ts).
 */
export function channelStateOperation<P extends { reason?: string }>(spec: {
  name: string;
  summary: string;
  state: ChannelState['state'];
  params: z.ZodType<P>;
  example: Record<string, unknown>;
}) {
  return defineAgentStateOperation({
    name: spec.name,
    summary: spec.summary,
    target: 'channel',
    params: spec.params,
    example: spec.example,
    roles: ['agent'],
    participants: [],
    perform({ model, caller, channel, params }) {
      const on = channel!;
      if (model.channels.get(caller.id, on) === undefined) throw gwsError('NOT_LOGGED_IN', spec.name, caller.userName, on);
      model.channels.set(caller.id, { channel: on, state: spec.state, ...(params.reason === undefined ? {} : { reason: params.reason }) });
      const routed = spec.state === 'Ready' ? dispatchWaiting(model, on) : [];
      return { recipients: [{ role: 'agent', userId: caller.id }], channels: model.channels.of(caller.id), routed };
    },
    sample: (model) => afterLogin(model, { operation: spec.name, channel: CHANNELS[0], params: spec.example }),
  });
}
