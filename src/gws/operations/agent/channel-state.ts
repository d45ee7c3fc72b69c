import type { z } from 'zod';
import { gwsError } from '../../../errors';
import { userStateOf, type StateRequest } from '../../agent-states';
import { CHANNELS, toldOfChannels } from '../../families';
import { defineAgentStateOperation } from '../operation';
import { dispatchWaiting } from '../routing';
import { afterLogin } from './start-contact-center-session';

/**
 * Ready and NotReady: the agent's state on a channel it is logged in on (POST
 * /api/v2/me/channels/{channel}), or on every channel it is logged in on (POST /api/v2/me, as
 * Genesys' own JavaScript client posts it). An agent Ready on a channel is offered the sessions
 * waiting there (routing.ts).
 */
export function channelStateOperation<P extends StateRequest>(spec: {
  name: string;
  summary: string;
  state: 'Ready' | 'NotReady';
  params: z.ZodType<P>;
  example: Record<string, unknown>;
}) {
  return defineAgentStateOperation({
    name: spec.name,
    summary: spec.summary,
    target: 'channel',
    everyChannel: true,
    params: spec.params,
    example: spec.example,
    roles: ['agent', 'device'],
    participants: [],
    perform({ model, caller, channel, params }) {
      const on = channel === undefined ? model.channels.of(caller.id).map((c) => c.channel) : [channel];
      if (on.length === 0) throw gwsError('NOT_LOGGED_IN', spec.name, caller.userName, CHANNELS[0]);
      for (const one of on) if (model.channels.get(caller.id, one) === undefined) throw gwsError('NOT_LOGGED_IN', spec.name, caller.userName, one);
      const userState = userStateOf(model.fixture.agentStates, spec.state, params);
      for (const one of on) model.channels.set(caller.id, { channel: one, ...userState });
      const routed = spec.state === 'Ready' ? on.flatMap((one) => dispatchWaiting(model, one)) : [];
      return { recipients: toldOfChannels(caller.id, on), channels: model.channels.of(caller.id), routed };
    },
    sample: (model) => afterLogin(model, { operation: spec.name, channel: CHANNELS[0], params: spec.example }),
  });
}
