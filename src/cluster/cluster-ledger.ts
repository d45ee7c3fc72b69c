import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { GwsError, gwsError } from '../errors';
import type { Change, ResultOf } from '../ledger/change';
import type { Apply, Ledger } from '../ledger/ledger';
import type { RedisAddress } from './redis-url';
import { clusterKeys, connectRedis, type ClusterKeys } from './redis';

/** The changes the log keeps (about): past it the oldest go, and a node can no longer join from the start. */
export const MAX_LOG_ENTRIES = 200_000;
/**
 * Every so many changes, the node that appended that change saves the whole state in Redis: a
 * node joining after the log lost its first changes starts from it. Well within MAX_LOG_ENTRIES,
 * so that the log always holds every change after the last snapshot.
 */
export const SNAPSHOT_EVERY = 50_000;
/** How long a node waits for its own change to come back from the log before answering 503. */
const PERFORM_TIMEOUT_MS = 10_000;
/** Changes read from the log at once. */
const READ_BATCH = 500;
const BLOCK_MS = 1_000;
/** A node's own client changes kept while Redis is away, to share once it is back (the oldest go past it). */
const MAX_UNSHARED = 10_000;

/** One change as the log holds it: who asked (its node and request), at what time. */
interface Entry {
  node: string;
  rid: number;
  now: number;
  change: Change;
  /** Applied by its node when it was asked for (a CometD client's change): the others apply it from the log. */
  announced?: boolean;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

// INCR and XADD in one step: the log's ids are 1, 2, 3... in the one order every node applies.
const APPEND = `local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'c', ARGV[1])
return seq`;

export interface ClusterLedgerOptions {
  address: RedisAddress;
  /** What every node of the cluster must share: the fixture, scenarios and limits (a digest). */
  config: string;
  now(): number;
  log(line: string): void;
  /**
   * Redis came back empty (restarted): the cluster's state is gone, this node goes back to the
   * fixture. `since`: when this node lost Redis (epoch ms); what was made here before then went with it.
   */
  lost(since: number): void;
  /** The node's whole state as JSON data, for a snapshot; and back to one. */
  save(): unknown;
  restore(state: unknown): void;
  /** Tests only: a snapshot every so many changes instead of SNAPSHOT_EVERY. */
  snapshotEvery?: number;
}

/**
 * The simulator's state shared by the nodes of a cluster, as a replicated log in Redis (a
 * stream): a node appends each change, and every node applies every change in the log's order to
 * its own copy of the model. Two nodes asking at once are ordered by Redis, so exactly one of two
 * agents accepting one chat wins, everywhere alike; there is no conflict to retry. The node that
 * asked answers once the log gives its change back.
 */
export class ClusterLedger implements Ledger {
  readonly shared = true;
  /** This process in the cluster: what its log entries carry. */
  readonly node = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private applied = 0;
  private generation = 0;
  private epoch = '';
  private lastRid = 0;
  private readonly waiting = new Map<number, Waiter>();
  private closed = false;
  private reading: Promise<void> = Promise.resolve();
  private down: string | undefined;
  private signing = randomBytes(32);
  /** Changes share() could not hand over (Redis away): handed over, in order, once it is back. */
  private readonly unshared: { change: Change; at: number }[] = [];
  /** When this node last lost Redis (epoch ms). */
  private downSince = 0;
  private readonly snapshotEvery: number;
  /** Who waits for the node to have applied the log up to a change (caughtUp). */
  private readonly catchers = new Set<Catcher>();

  private constructor(
    private readonly options: ClusterLedgerOptions,
    private readonly apply: Apply,
    private readonly keys: ClusterKeys,
    private readonly commands: Redis,
    private readonly reader: Redis,
  ) {
    commands.defineCommand('gwsAppend', { numberOfKeys: 2, lua: APPEND });
    this.snapshotEvery = options.snapshotEvery ?? SNAPSHOT_EVERY;
  }

  /** Connects to the cluster's Redis and checks this node may join: its config is the cluster's. Then start() it. */
  static async connect(options: ClusterLedgerOptions, apply: Apply): Promise<ClusterLedger> {
    const keys = clusterKeys();
    const commands = await connectRedis(options.address, 'commands', options.log);
    let reader: Redis | undefined;
    try {
      reader = await connectRedis(options.address, 'log reader', options.log);
      const ledger = new ClusterLedger(options, apply, keys, commands, reader);
      await ledger.checkConfig();
      await ledger.adoptEpoch();
      await ledger.adoptSecret();
      return ledger;
    } catch (error) {
      commands.disconnect();
      reader?.disconnect();
      throw error;
    }
  }

  /** Applies the whole log (the node then has the cluster's state), then follows it. Rejects when the log is no longer whole. */
  async start(): Promise<void> {
    await this.catchUp();
    this.watch();
    this.reading = this.readForever();
  }

  /** The cluster's Redis. */
  get address(): RedisAddress {
    return this.options.address;
  }

  /** The connection other shared parts of the node use (the feed's relay). */
  get redis(): Redis {
    return this.commands;
  }

  perform<C extends Change>(change: C): Promise<ResultOf<C>> {
    return this.append(change, false) as Promise<ResultOf<C>>;
  }

  /**
   * Hands the other nodes a change already made here: what a CometD client's messages change
   * here must hold before its next message, which may come at once.
   */
  share(change: Change): void {
    // Kept while Redis is away (and until this node has checked it on its return): a client that
    // handshakes again as Redis comes back must reach the other nodes, or they never deliver to it.
    if (this.down !== undefined) return this.keep(change);
    void this.append(change, true).catch(() => this.keep(change));
  }

  private keep(change: Change): void {
    if (this.unshared.push({ change, at: Date.now() }) > MAX_UNSHARED) this.unshared.shift();
  }

  /**
   * Settles once this node has applied every change the log held when asked (or after
   * `maxWaitMs`, or at once while Redis is away): what another node just did is then known here.
   */
  async caughtUp(maxWaitMs = 1_000): Promise<void> {
    if (this.down !== undefined) return;
    let last: number;
    try {
      last = Number((await this.commands.get(this.keys.seq)) ?? 0);
    } catch {
      return;
    }
    if (this.applied >= last) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.done(catcher), maxWaitMs);
      const catcher = { seq: last, resolve: () => (clearTimeout(timer), resolve()) };
      this.catchers.add(catcher);
    });
  }

  private done(catcher: { resolve(): void }): void {
    this.catchers.delete(catcher as Catcher);
    catcher.resolve();
  }

  /** Why this node cannot change the state now (Redis unreachable), or undefined. */
  get unavailable(): string | undefined {
    return this.down;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const catcher of this.catchers) this.done(catcher);
    for (const [rid, waiter] of this.waiting) this.settle(rid, waiter, () => waiter.reject(this.refusal('is closing')));
    this.reader.disconnect();
    this.commands.disconnect();
    await this.reading;
  }

  private append(change: Change, announced: boolean): Promise<unknown> {
    if (this.down !== undefined) return Promise.reject(this.refusal(this.down));
    const rid = ++this.lastRid;
    const entry: Entry = { node: this.node, rid, now: this.options.now(), change, ...(announced ? { announced } : {}) };
    const json = JSON.stringify(entry);
    if (announced) return (this.commands as Redis & GwsCommands).gwsAppend(this.keys.seq, this.keys.log, json, MAX_LOG_ENTRIES);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(rid, this.waiting.get(rid), () => reject(this.refusal(`had no answer from Redis within ${PERFORM_TIMEOUT_MS / 1000} s`))), PERFORM_TIMEOUT_MS);
      this.waiting.set(rid, { resolve, reject, timer });
      (this.commands as Redis & GwsCommands).gwsAppend(this.keys.seq, this.keys.log, json, MAX_LOG_ENTRIES).catch((error: Error) =>
        this.settle(rid, this.waiting.get(rid), () => reject(this.refusal(`cannot reach Redis at ${this.options.address.shown} (${error.message})`))),
      );
    });
  }

  private settle(rid: number, waiter: Waiter | undefined, then: () => void): void {
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.waiting.delete(rid);
    then();
  }

  private refusal(why: string) {
    return gwsError('CLUSTER_UNAVAILABLE', why);
  }

  /** What the nodes sign JSESSIONID cookies with: the first node's, kept in Redis. */
  get secret(): Buffer {
    return this.signing;
  }

  private async adoptSecret(): Promise<void> {
    await this.commands.set(this.keys.secret, this.signing.toString('hex'), 'NX');
    this.signing = Buffer.from((await this.commands.get(this.keys.secret)) ?? '', 'hex');
  }

  private async checkConfig(): Promise<void> {
    await this.commands.set(this.keys.config, this.options.config, 'NX');
    const cluster = await this.commands.get(this.keys.config);
    if (cluster !== this.options.config) {
      throw new Error(
        `this node's fixture, scenarios or limits differ from those of the cluster at ${this.options.address.shown}: start every node with the same ones ` +
          `(or give this cluster another Redis database, redis://HOST:PORT/DB)`,
      );
    }
  }

  /** The cluster's incarnation: a Redis restarted empty has another (or none yet). */
  private async adoptEpoch(): Promise<void> {
    await this.commands.set(this.keys.epoch, randomBytes(8).toString('hex'), 'NX');
    this.epoch = (await this.commands.get(this.keys.epoch)) ?? '';
  }

  /**
   * Applies the whole log before the node serves anyone: its state is then the cluster's. A log
   * that no longer holds its first change starts from the last snapshot.
   */
  private async catchUp(): Promise<void> {
    const last = Number((await this.commands.get(this.keys.seq)) ?? 0);
    const [first] = await this.reader.xrange(this.keys.log, '-', '+', 'COUNT', 1);
    if (first !== undefined && Number(first[0].split('-')[0]) > 1) await this.startFromSnapshot(Number(first[0].split('-')[0]));
    while (this.applied < last) {
      const batch = await this.reader.xrange(this.keys.log, `${this.applied + 1}-0`, '+', 'COUNT', READ_BATCH);
      if (batch.length === 0 || Number(batch[0][0].split('-')[0]) !== this.applied + 1) throw this.cannotJoin();
      for (const [id, fields] of batch) this.applyEntry(id, fields);
    }
  }

  private async startFromSnapshot(firstInLog: number): Promise<void> {
    const json = await this.commands.get(this.keys.snapshot);
    const snapshot = json === null ? undefined : (JSON.parse(json) as { seq: number; state: unknown });
    if (snapshot === undefined || snapshot.seq + 1 < firstInLog) throw this.cannotJoin();
    this.options.restore(snapshot.state);
    this.applied = snapshot.seq;
  }

  private cannotJoin(): Error {
    return new Error(
      `the cluster's log at ${this.options.address.shown} no longer holds the changes after its last snapshot, so this node cannot rebuild the state: ` +
        `start the cluster afresh (stop the nodes, then FLUSHDB, or use another database)`,
    );
  }

  /** Saves the state as it is after change `seq`, for the nodes that join later. */
  private saveSnapshot(seq: number): void {
    const json = JSON.stringify({ seq, state: this.options.save() });
    this.commands.set(this.keys.snapshot, json).catch((error: Error) => this.options.log(`cluster: cannot save the snapshot after change ${seq}: ${error.message}`));
  }

  /** Follows the connection: unavailable while it is down; a Redis that came back empty is a cluster that lost its state. */
  private watch(): void {
    this.commands.on('close', () => {
      if (this.closed || this.down !== undefined) return;
      this.down = `cannot reach Redis at ${this.options.address.shown}`;
      this.downSince = Date.now();
    });
    this.commands.on('ready', () => {
      void this.recover().catch((error: Error) => this.options.log(`cluster: cannot check Redis after reconnecting: ${error.message}`));
    });
  }

  private async recover(): Promise<void> {
    if (this.closed) return;
    const epoch = await this.commands.get(this.keys.epoch);
    if (epoch !== this.epoch) {
      this.options.log(`cluster: Redis at ${this.options.address.shown} came back without the cluster's state (restarted): back to the fixture`);
      this.generation += 1;
      this.applied = 0;
      for (const [rid, waiter] of this.waiting) this.settle(rid, waiter, () => waiter.reject(this.refusal('lost the cluster\'s state with Redis')));
      this.options.lost(this.downSince);
      // What this node changed before it lost Redis (its clients then) is gone with the state too.
      this.unshared.splice(0, this.unshared.filter((kept) => kept.at < this.downSince).length);
      await this.commands.set(this.keys.config, this.options.config, 'NX');
      await this.adoptEpoch();
      // Every node puts back the secret they all have: the agents' cookies stay good.
      await this.adoptSecret();
    }
    this.down = undefined;
    for (const { change } of this.unshared.splice(0)) this.share(change);
  }

  private async readForever(): Promise<void> {
    while (!this.closed) {
      const generation = this.generation;
      try {
        const read = await this.reader.xread('COUNT', READ_BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', this.keys.log, `${this.applied}-0`);
        if (generation !== this.generation) continue; // read from before Redis lost the state
        for (const [, entries] of read ?? []) {
          for (const [id, fields] of entries) {
            // The node's own change: its answer (and what the feed says it changed) is made before the next change applies.
            if (this.applyEntry(id, fields)) await new Promise((resolve) => setImmediate(resolve));
            if (generation !== this.generation) break;
          }
        }
      } catch {
        if (!this.closed) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Applies one change of the log; true when it was this node's, answered now. */
  private applyEntry(id: string, fields: string[]): boolean {
    const seq = Number(id.split('-')[0]);
    if (seq <= this.applied) return false;
    if (seq !== this.applied + 1) {
      this.down = `fell behind the cluster's log by more than ${MAX_LOG_ENTRIES} changes and can no longer follow it; restart it (it then starts from the cluster's last snapshot)`;
      this.options.log(`cluster: ${this.down}`);
    }
    this.applied = seq;
    for (const catcher of this.catchers) if (catcher.seq <= seq) this.done(catcher);
    const entry = JSON.parse(fields[1]) as Entry;
    const here = entry.node === this.node;
    if (here && entry.announced) {
      if (seq % this.snapshotEvery === 0) this.saveSnapshot(seq);
      return false;
    }
    const waiter = here ? this.waiting.get(entry.rid) : undefined;
    try {
      const result = this.apply(entry.change, entry.now, waiter !== undefined);
      this.settle(entry.rid, waiter, () => waiter!.resolve(result));
    } catch (error) {
      // Every node refuses a change alike: only the one that asked answers the refusal.
      if (waiter) this.settle(entry.rid, waiter, () => waiter.reject(error));
      else if (!(error instanceof GwsError)) this.options.log(`cluster: cannot apply change ${seq} (${entry.change.kind}): ${(error as Error).message}`);
    }
    if (here && seq % this.snapshotEvery === 0) this.saveSnapshot(seq);
    return waiter !== undefined;
  }
}

interface Catcher {
  seq: number;
  resolve(): void;
}

interface GwsCommands {
  gwsAppend(seq: string, log: string, entry: string, maxLen: number): Promise<number>;
}
