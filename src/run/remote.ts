import { getJson, postJson, type GwsAnswer } from '../client/rest';
import { FAMILIES, type MediaName } from '../gws/families';
import type { ServerProgress } from '../client/settle';
import type { JournalEntry } from '../journal/wire';
import type { RunTarget } from './runner';

interface RemoteState {
  timeScale: number;
  clock: 'system' | 'manual';
  pendingStreams: number;
  users: { id: string; userName: string; deviceId?: string }[];
  deliveries: { userName?: string; userId: string; sent: number }[];
  /** Each medium's sessions, under its collection's name (facebooksessions, chats). */
  [collection: string]: unknown;
}

/** A gws-sim already running at `url`, seen through its /sim endpoints. */
export async function remoteTarget(
  url: string,
  headers: Record<string, string> = {},
): Promise<RunTarget & { users(): Promise<RemoteState['users']>; mediaOf(session: string): Promise<MediaName | undefined> }> {
  const base = url.replace(/\/+$/, '');
  // A /sim call that did not succeed rejects with the server's reason.
  const sim = async (answer: Promise<GwsAnswer>, path: string): Promise<GwsAnswer> => {
    const { statusCode, statusMessage } = await answer;
    if (statusCode !== 0) throw new Error(`${base}${path} answered statusCode ${statusCode}: ${statusMessage ?? ''}`);
    return answer;
  };
  const state = async () => (await sim(getJson(`${base}/sim/state`, headers), '/sim/state')).state as RemoteState;
  const first = await state();
  return {
    url: base,
    timeScale: first.timeScale,
    async reset() {
      await sim(postJson(`${base}/sim/reset`, headers), '/sim/reset');
    },
    async progress(): Promise<ServerProgress> {
      const now = await state();
      return {
        pendingStreams: now.pendingStreams,
        manualClock: now.clock === 'manual',
        sent: Object.fromEntries(now.deliveries.map((d) => [d.userName ?? d.userId, d.sent])),
      };
    },
    sim: (path, body) => postJson(`${base}${path}`, headers, body),
    async fault(faults) {
      await sim(postJson(`${base}/sim/faults`, headers, { faults }), '/sim/faults');
    },
    requests: async () => (await sim(getJson(`${base}/sim/requests`, headers), '/sim/requests')).requests as JournalEntry[],
    users: async () => (await state()).users,
    phones: state,
    /** The medium of the session with that id on the server (a call's connId, or one party's own call id), as the harness and scripts know it from the model. */
    async mediaOf(session) {
      const now = await state();
      const named = (s: { id: string; legs?: Record<string, { id: string }> }) => s.id === session || Object.values(s.legs ?? {}).some((leg) => leg.id === session);
      return FAMILIES.find((media) => (now[media.collection] as Parameters<typeof named>[0][] | undefined)?.some(named))?.name;
    },
  };
}
