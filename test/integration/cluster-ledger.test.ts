import Redis from 'ioredis';
import { ClusterLedger } from '../../src/cluster/cluster-ledger';
import { clusterKeys } from '../../src/cluster/redis';
import { parseRedisUrl } from '../../src/cluster/redis-url';
import { gwsError } from '../../src/errors';
import type { Change } from '../../src/ledger/change';
import { startRedis, type RedisServer } from '../helpers/redis';

/**
 * The cluster's log on a real redis-server, with a state of its own (a list of what was applied):
 * every node applies every change in one order, the node that asked answers, a late node starts
 * from the snapshot, a Redis away is statusCode 4.
 */
describe('ClusterLedger: the replicated log in Redis', () => {
  let redis: RedisServer;
  const opened: ClusterLedger[] = [];

  beforeEach(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((ledger) => ledger.close()));
    await redis.stop();
  });

  /** A node whose whole state is the list of references it applied; `reference` changes are counted, `faults` refused. */
  async function node(options: { config?: string; snapshotEvery?: number } = {}) {
    const applied: { change: string; here: boolean }[] = [];
    let lost = 0;
    const ledger = await ClusterLedger.connect(
      {
        address: parseRedisUrl(redis.url),
        config: options.config ?? 'same',
        now: () => 0,
        log: () => {},
        lost: () => {
          lost += 1;
          applied.length = 0;
        },
        save: () => applied.map((a) => a.change),
        restore: (state) => applied.push(...(state as string[]).map((change) => ({ change, here: false }))),
        snapshotEvery: options.snapshotEvery,
      },
      (change: Change, _now, here) => {
        if (change.kind === 'faults') throw gwsError('INVALID_PARAMETER', 'faults', 'refused on every node');
        applied.push({ change: change.kind === 'customer' ? change.name : change.kind, here });
        return applied.length;
      },
    );
    opened.push(ledger);
    await ledger.start();
    return { ledger, applied, lostCount: () => lost };
  }
  const customer = (name: string): Change => ({ kind: 'customer', name, body: {}, media: 'chat' });
  const until = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 5_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('applies every change on every node in one order; only the node that asked applies it "here" and answers', async () => {
    const a = await node();
    const b = await node();
    const answers = await Promise.all([a.ledger.perform(customer('a1')), b.ledger.perform(customer('b1')), a.ledger.perform(customer('a2')), b.ledger.perform(customer('b2'))]);
    await until(() => a.applied.length === 4 && b.applied.length === 4, 'both nodes to apply four changes');
    expect(a.applied.map((x) => x.change)).toEqual(b.applied.map((x) => x.change));
    expect(a.applied.filter((x) => x.here).map((x) => x.change).sort()).toEqual(['a1', 'a2']);
    expect(b.applied.filter((x) => x.here).map((x) => x.change).sort()).toEqual(['b1', 'b2']);
    // Each answer is the state's length right after its change, so the four answers are 1..4 in some order.
    expect([...(answers as unknown as number[])].sort()).toEqual([1, 2, 3, 4]);
  });

  it('a refusal is answered by the node that asked, and changes nothing anywhere', async () => {
    const a = await node();
    const b = await node();
    await expect(a.ledger.perform({ kind: 'faults', faults: [] })).rejects.toMatchObject({ statusCode: 1 });
    await a.ledger.perform(customer('after'));
    await until(() => b.applied.length === 1, 'b to apply the next change');
    expect(b.applied.map((x) => x.change)).toEqual(['after']);
  });

  it('a node started later rebuilds the state from the log, or from the snapshot once the log lost its first changes', async () => {
    const a = await node({ snapshotEvery: 3 });
    for (const name of ['c1', 'c2', 'c3', 'c4', 'c5']) await a.ledger.perform(customer(name));
    const late = await node({ snapshotEvery: 3 });
    expect(late.applied.map((x) => x.change)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);

    // The log keeps only what followed the snapshot saved after change 3.
    const raw = new Redis(redis.port, '127.0.0.1');
    try {
      await raw.xtrim(clusterKeys().log, 'MINID', '4-0');
      const later = await node({ snapshotEvery: 3 });
      expect(later.applied).toEqual(['c1', 'c2', 'c3', 'c4', 'c5'].map((change) => ({ change, here: false })));
      // Without a snapshot that reaches the log, a node refuses to start, saying why.
      await raw.del(clusterKeys().snapshot);
      await expect(node({ snapshotEvery: 3 })).rejects.toThrow(/no longer holds the changes after its last snapshot.*start the cluster afresh/);
    } finally {
      raw.disconnect();
    }
  });

  it('refuses a node whose fixture, scenarios or limits differ', async () => {
    await node({ config: 'one' });
    await expect(node({ config: 'another' })).rejects.toThrow(/fixture, scenarios or limits differ from those of the cluster/);
  });

  it('answers statusCode 4 while Redis is away, and starts again from nothing once Redis came back empty', async () => {
    const a = await node();
    await a.ledger.perform(customer('before'));
    await redis.stop();
    await until(() => a.ledger.unavailable !== undefined, 'the node to see Redis gone');
    await expect(a.ledger.perform(customer('meanwhile'))).rejects.toMatchObject({ statusCode: 4, code: 'CLUSTER_UNAVAILABLE' });
    await redis.restart();
    await until(() => a.ledger.unavailable === undefined, 'the node to reconnect');
    expect(a.lostCount()).toBe(1);
    await a.ledger.perform(customer('after'));
    expect(a.applied.map((x) => x.change)).toEqual(['after']);
  });
});
