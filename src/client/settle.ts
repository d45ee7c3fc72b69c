import type { Agent } from './agent';

/** What a simulator reports of its deliveries: enough to know when nothing more is on its way. */
export interface ServerProgress {
  /** Streams still playing. */
  pendingStreams: number;
  /** A manual clock: nothing more is sent until the test advances it. */
  manualClock: boolean;
  /** Per agent (user name): the sequence number of the last notification sent to it. */
  sent: Record<string, number>;
}

/**
 * Resolves once the simulator has nothing more on its way to `agents` (no stream playing, or a
 * manual clock) and each of them has received everything sent to it so far; rejects after
 * `timeoutMs` saying who is still waiting for what.
 */
export async function settle(agents: readonly Agent[], progress: () => Promise<ServerProgress>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await progress();
    const behind = agents.filter((a) => !a.hasReceived(now.sent[a.user] ?? 0));
    const playing = now.pendingStreams > 0 && !now.manualClock;
    if (!playing && behind.length === 0) return;
    if (Date.now() >= deadline) {
      const why = [
        ...(playing ? [`${now.pendingStreams} stream(s) still playing`] : []),
        ...behind.map((a) => `${a.user} has not received all of the ${now.sent[a.user]} notification(s) sent to it`),
      ];
      throw new Error(`not settled after ${timeoutMs} ms: ${why.join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5).unref());
  }
}
