import { getJson, postJson } from '../client/rest';
import type { ServerProgress } from '../client/settle';
import { armRemoteFaults } from '../faults/remote';
import type { RunTarget } from './runner';

interface RemoteState {
  timeScale: number;
  clock: 'system' | 'manual';
  pendingStreams: number;
  users: { id: string; userName: string }[];
  deliveries: { userName?: string; userId: string; sent: number }[];
}

/** A gws-sim already running at `url`, seen through its /sim endpoints. */
export async function remoteTarget(url: string, headers: Record<string, string> = {}): Promise<RunTarget & { users(): Promise<RemoteState['users']> }> {
  const base = url.replace(/\/+$/, '');
  const state = async (): Promise<RemoteState> => {
    const answer = await getJson(`${base}/sim/state`, headers);
    if (answer.statusCode !== 0) throw new Error(`${base}/sim/state answered statusCode ${answer.statusCode}: ${answer.statusMessage ?? ''}`);
    return answer.state as RemoteState;
  };
  const first = await state().catch((error: Error) => {
    throw new Error(`cannot reach gws-sim at ${base}: ${error.message}`);
  });
  return {
    url: base,
    timeScale: first.timeScale,
    async reset() {
      const answer = await postJson(`${base}/sim/reset`, headers);
      if (answer.statusCode !== 0) throw new Error(`${base}/sim/reset answered statusCode ${answer.statusCode}: ${answer.statusMessage ?? ''}`);
    },
    async progress(): Promise<ServerProgress> {
      const now = await state();
      return {
        pendingStreams: now.pendingStreams,
        manualClock: now.clock === 'manual',
        sent: Object.fromEntries(now.deliveries.map((d) => [d.userName ?? d.userId, d.sent])),
      };
    },
    fault: (faults) => armRemoteFaults(base, headers, faults),
    users: async () => (await state()).users,
  };
}
