import type Redis from 'ioredis';
import type { SimEvents } from '../events';
import type { Journal } from '../journal/journal';
import type { JournalEntry } from '../journal/wire';
import type { ClusterLedger } from './cluster-ledger';
import { clusterKeys, connectRedis } from './redis';

/** What one node tells the others at once: its feed's events (as JSON) and its journal's entries. */
interface Batch {
  node: string;
  events: string[];
  requests: JournalEntry[];
}

/** The most a node keeps to tell the others before the next batch goes: past it (Redis slow or away) the rest is not told. */
const MAX_BATCH = 5_000;
const FLUSH_MS = 10;
/**
 * Events every node makes itself (it applies the same change: a reset, faults armed) or remakes
 * from what it is told (a journal entry): not told again.
 */
const OWN_EVERYWHERE = /^\{"type":"(control|request|gap)"/;

/**
 * The live feed and the request journal of a cluster: each node tells the others, through Redis
 * pub/sub, what happened on it (notifications it sent, operations it performed, clients that came
 * to it, requests it received), so that a dashboard and `sim.requests()` on any node show the
 * whole cluster. Each node numbers what it is told as it comes; ids differ from node to node.
 */
export class ClusterRelay {
  private pending: Batch;
  private timer: NodeJS.Timeout | undefined;
  /** Inserting what another node told: not to be told again. */
  private inserting = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly node: string,
    private readonly events: SimEvents,
    private readonly journal: Journal,
    private readonly log: (line: string) => void,
  ) {
    this.pending = this.empty();
    this.stops.push(events.listen((_id, json) => this.told(json)));
    this.stops.push(journal.listen((entry) => this.toldRequest(entry)));
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.insert(message);
    });
  }

  async start(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
  }

  close(): void {
    for (const stop of this.stops) stop();
    clearTimeout(this.timer);
    this.subscriber.disconnect();
  }

  private told(json: string): void {
    if (this.inserting || OWN_EVERYWHERE.test(json)) return;
    if (this.pending.events.length < MAX_BATCH) this.pending.events.push(json);
    this.schedule();
  }

  private toldRequest(entry: JournalEntry): void {
    if (this.inserting) return;
    if (this.pending.requests.length < MAX_BATCH) this.pending.requests.push(entry);
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = this.empty();
    this.publisher.publish(this.channel, JSON.stringify(batch)).catch((error: Error) => this.log(`cluster: the other nodes' feeds miss ${batch.events.length} event(s): ${error.message}`));
  }

  private insert(message: string): void {
    let batch: Batch;
    try {
      batch = JSON.parse(message) as Batch;
    } catch {
      return;
    }
    if (batch.node === this.node) return;
    this.inserting = true;
    try {
      for (const { id: _id, ...entry } of batch.requests) this.journal.record(entry);
      for (const json of batch.events) this.events.relayed(json);
    } finally {
      this.inserting = false;
    }
  }

  private empty(): Batch {
    return { node: this.node, events: [], requests: [] };
  }
}

/** Starts telling the other nodes of the ledger's cluster what happens here, and hearing what happens there. */
export async function relayFeeds(ledger: ClusterLedger, events: SimEvents, journal: Journal, log: (line: string) => void): Promise<ClusterRelay> {
  const subscriber = await connectRedis(ledger.address, 'feed relay', log);
  const relay = new ClusterRelay(ledger.redis, subscriber, clusterKeys().relay, ledger.node, events, journal, log);
  try {
    await relay.start();
  } catch (error) {
    relay.close();
    throw error;
  }
  return relay;
}
