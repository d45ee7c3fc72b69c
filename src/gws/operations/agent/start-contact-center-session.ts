import { z } from 'zod';
import { gwsError, GwsError } from '../../../errors';
import { userStateOf } from '../../agent-states';
import { CHANNELS, toldOfChannels } from '../../families';
import type { GwsModel } from '../../model';
import { defineAgentStateOperation, type SampleCall } from '../operation';
import { routedSessionsOf } from '../routing';


/** What StartContactCenterSession did on one channel: GWS's per-channel result of a partial success. */
interface ChannelResult {
  channel: string;
  error?: GwsError;
}

/**
 * StartContactCenterSession (POST /api/v2/me): the agent logs in on each channel it names, NotReady
 * there until it calls Ready (a channel it is already on keeps its state). A channel gws-sim does
 * not simulate fails: when some fail the answer is statusCode 7 with a result per channel, when
 * all fail the first failure alone (as GWS's page says). `place` and `devicePath` are accepted and
 * ignored (modelled: each agent has one device, families/voice/devices.ts).
 */
export const startContactCenterSession = defineAgentStateOperation({
  name: 'StartContactCenterSession',
  summary: 'The agent logs in on its channels (POST /api/v2/me), NotReady on each until Ready',
  target: 'me',
  params: z.object({ channels: z.array(z.string().min(1)).min(1).max(100), place: z.string().min(1).optional(), devicePath: z.string().min(1).optional() }),
  example: { channels: CHANNELS },
  roles: ['agent', 'device'],
  participants: [],
  perform({ model, caller, params }) {
    const results = params.channels.map((channel): ChannelResult => (CHANNELS.includes(channel) ? { channel } : { channel, error: gwsError('NO_SUCH_CHANNEL', channel, CHANNELS) }));
    const failed = results.filter((r) => r.error !== undefined);
    if (failed.length === results.length) throw failed[0].error;
    for (const { channel } of results.filter((r) => r.error === undefined)) model.channels.login(caller.id, channel, userStateOf(model.fixture.agentStates, 'NotReady'));
    const started = results.filter((r) => r.error === undefined).map((r) => r.channel);
    const answer =
      failed.length === 0
        ? {}
        : {
            ...gwsError('PARTIAL_SUCCESS', failed.map((r) => r.channel), started).toBody(),
            results: results.map(({ channel, error }) => ({ channel, statusCode: 0, ...error?.toBody() })),
          };
    return { recipients: toldOfChannels(caller.id, started), channels: model.channels.of(caller.id), answer };
  },
  // By an agent free to end its day again: no chat open.
  sample(model) {
    const free = model.users.find((u) => routedSessionsOf(model, u.id).length === 0) ?? model.users[0];
    return [{ operation: 'StartContactCenterSession', as: free.id, params: { channels: [...CHANNELS] } }];
  },
});

/** A sample of an operation on the agent itself: its contact-center session started first. */
export function afterLogin(model: GwsModel, call: Omit<SampleCall, 'as'>): SampleCall[] {
  const login = startContactCenterSession.sample(model)!;
  return [...login, { ...call, as: login[0].as }];
}
