import type { CometdClientInfo } from './bayeux/clients';
import type { DeliveryState } from './delivery/stamp';
import type { FaultsState } from './faults/types';
import { CHANNELS, type MediaName } from './gws/media';
import type { GwsModel } from './gws/model';
import { capabilitiesOf } from './gws/operations/registry';
import { participantWire, sessionWire } from './gws/wire';

/** What GET /sim/state and `sim.state()` show. */
export type SimulatorState = ReturnType<typeof describeState>;

export function describeState(
  model: GwsModel,
  baseUrl: string,
  timeScale: number,
  clock: 'system' | 'manual',
  cometdClients: CometdClientInfo[],
  pendingStreams: number,
  deliveries: DeliveryState[],
  faults: FaultsState,
) {
  const sessions = (media: MediaName) =>
    model.allSessions(media).map((session) => ({
      ...sessionWire(session, baseUrl),
      departed: session.departed.map((p) => participantWire(p, baseUrl)),
      invited: session.invited.map((i) => ({ ...i, userName: model.userById(i.userId)?.userName })),
      agentStates: Object.fromEntries(Object.entries(session.states).map(([id, state]) => [model.userById(id)?.userName ?? id, state])),
      /** What each agent may perform now, as its REST view of the session lists it. */
      agentCapabilities: Object.fromEntries(Object.keys(session.states).map((id) => [model.userById(id)?.userName ?? id, capabilitiesOf(session, id)])),
      messages: session.messages.map((message, index) => ({ index, ...message })),
    }));
  return {
    timeScale,
    clock,
    lastReferenceId: model.lastReference,
    users: model.users.map(({ id, userName, firstName, lastName }) => ({ id, userName, firstName, lastName, channels: model.channels.of(id) })),
    facebooksessions: sessions('facebook'),
    chats: sessions('chat'),
    /** Per channel, the sessions waiting for an agent Ready there, oldest first. */
    waiting: Object.fromEntries(CHANNELS.map((channel) => [channel, model.channels.waitingOn(channel)])),
    cometdClients,
    pendingStreams,
    deliveries: deliveries.filter((d) => d.sent + d.held + d.dropped > 0).map((d) => ({ ...d, userName: model.userById(d.userId)?.userName })),
    /** Armed and fired faults: what was injected on purpose. */
    faults,
  };
}
