import { z } from 'zod';
import { gwsError } from './errors';
import { GWS_TOPICS } from './gws/families';
import type { GwsModel } from './gws/model';
import { parseParams } from './gws/operations/params';
import { JsonValue } from './scenario/schema';
import type { Json } from './scenario/template';
import { listed } from './shown';

const NOTIFICATIONS = '/v2/notifications';

export const NotifySchema = z.object({
  agent: z.string().min(1),
  channel: z.enum([NOTIFICATIONS, ...GWS_TOPICS] as [string, ...string[]]).default(NOTIFICATIONS),
  data: z.record(z.string(), JsonValue),
});

/** A notification the model does not know, pushed to one agent: `{agent, channel, data}`. */
export type CustomNotification = z.input<typeof NotifySchema>;

const EXAMPLE = { agent: 'agent1', channel: '/v2/me/chats', data: { messageType: 'ChatStateChangeMessage' } };

/**
 * Pushes any notification to an agent through the same path as an operation's (its order behind
 * what is on its way, faults, holding for an agent with no subscriber): POST /sim/notify,
 * `sim.notify()` and the script step `notify`. On /v2/notifications it reaches only the clients
 * subscribed to that channel; on a topic, those of the topic (and its wildcards) too.
 */
export function notifier(model: GwsModel, play: (userId: string, data: Json, topic: string) => void) {
  return (body: unknown): void => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw gwsError('INVALID_PARAMETER', 'body', `expected a JSON object such as ${JSON.stringify(EXAMPLE)}`);
    const { agent, channel, data } = parseParams(NotifySchema, body as Record<string, unknown>, EXAMPLE);
    const user = model.userByName(agent);
    if (!user) throw gwsError('NO_SUCH_AGENT', 'agent', agent, listed(model.users.map((u) => u.userName)));
    play(user.id, data as Json, channel);
  };
}
