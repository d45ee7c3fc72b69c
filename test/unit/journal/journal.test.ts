import { bounded, MASK, MAX_BODY_BYTES } from '../../../src/journal/bounded';
import { differences, nearMisses, RequestFilterSchema, RequestQuerySchema } from '../../../src/journal/filter';
import { Journal, JOURNAL_BOUNDS, journalLimitsOf } from '../../../src/journal/journal';
import { verify } from '../../../src/journal/verify';
import type { BayeuxRequest, JournalEntry, RestRequest } from '../../../src/journal/wire';

const rest = (fields: Partial<RestRequest> = {}): Omit<RestRequest, 'id'> => ({
  type: 'rest',
  at: 1000,
  agent: 'agent1',
  method: 'POST',
  path: '/api/v2/me/chats/C1',
  auth: 'basic',
  operation: 'Accept',
  session: 'C1',
  body: { operationName: 'Accept', nickname: 'Ann' },
  status: 200,
  statusCode: 0,
  durationMs: 1,
  ...fields,
});
const meta = (fields: Partial<BayeuxRequest> = {}): Omit<BayeuxRequest, 'id'> => ({
  type: 'bayeux',
  at: 1000,
  agent: 'agent1',
  clientId: 'c1',
  channel: '/meta/subscribe',
  transport: 'websocket',
  subscription: '/v2/me/chats',
  successful: true,
  ...fields,
});

describe('the request journal', () => {
  it('keeps the newest entries within its count, numbering on', () => {
    const journal = new Journal({ maxEntries: 10, maxBytes: 1024 * 1024 });
    for (let i = 0; i < 25; i++) journal.record(rest({ at: i }));
    const kept = journal.entries();
    expect(kept.map((e) => e.at)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(kept.map((e) => e.id)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(journal.stats()).toMatchObject({ entries: 10, evicted: 15, maxEntries: 10 });
  });

  it('keeps within its bytes: the oldest go first, and the bytes it counts are what it holds', () => {
    const journal = new Journal({ maxEntries: 1000, maxBytes: 64 * 1024 });
    const body = { text: 'x'.repeat(3000) };
    for (let i = 0; i < 100; i++) journal.record(rest({ at: i, body }));
    const { entries, bytes } = journal.stats();
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect(entries).toBeLessThan(100);
    expect(bytes).toBe(journal.entries().reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0));
    expect(journal.entries().at(-1)!.at).toBe(99);
  });

  it('grows no further however many requests come (a bounded loop)', () => {
    const journal = new Journal({ maxEntries: 100, maxBytes: 64 * 1024 });
    for (let i = 0; i < 20_000; i++) journal.record(meta({ at: i }));
    expect(journal.stats().entries).toBe(100);
    expect(journal.entries()).toHaveLength(100);
  });

  it('clear() empties it; ids keep counting', () => {
    const journal = new Journal();
    journal.record(rest());
    journal.clear();
    expect(journal.entries()).toEqual([]);
    expect(journal.record(rest()).id).toBe(2);
  });

  it('tells listeners of each entry, and a failing listener fails nothing', () => {
    const journal = new Journal();
    const seen: number[] = [];
    journal.listen(() => {
      throw new Error('a broken matcher');
    });
    const stop = journal.listen((e) => seen.push(e.id));
    journal.record(rest());
    stop();
    journal.record(rest());
    expect(seen).toEqual([1]);
  });

  it('refuses limits out of bounds, naming the option', () => {
    expect(() => journalLimitsOf({ maxEntries: 5 })).toThrow('journal.maxEntries must be an integer from 10 to 1000000, got 5');
    expect(() => journalLimitsOf({ maxBytes: 1.5 }, { nameOf: (key) => JOURNAL_BOUNDS[key].flag })).toThrow(/--journal-bytes must be an integer from 65536/);
    expect(journalLimitsOf({ maxEntries: 50 })).toEqual({ maxEntries: 50, maxBytes: 8 * 1024 * 1024 });
  });
});

describe('what the journal keeps of a body', () => {
  it('masks credentials at any depth, whatever their case', () => {
    const { value } = bounded({ operationName: 'X', Password: 'p', ext: { authentication: { user: 'agent1', credentials: 'agent1' } }, list: [{ token: 't' }], csrfToken: 'c' });
    expect(value).toEqual({ operationName: 'X', Password: MASK, ext: { authentication: { user: 'agent1', credentials: MASK } }, list: [{ token: MASK }], csrfToken: MASK });
    expect(JSON.stringify(value)).not.toMatch(/"agent1"\}|"p"|"t"|"c"/);
  });

  it('cuts a body nested past 32 levels (the body parser reads any depth; a refusal comes after)', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = i % 2 ? [deep] : { a: deep };
    const { value } = bounded(deep);
    expect(JSON.stringify(value)).toContain('"…"');
    expect(JSON.stringify(value)).not.toContain('bottom');
  });

  it('cuts a large body to its first bytes, with the whole size', () => {
    const big = { text: 'y'.repeat(10_000), password: 'secret' };
    const { value, bytes } = bounded(big);
    expect(typeof value).toBe('string');
    expect(Buffer.byteLength(value as string)).toBeLessThanOrEqual(MAX_BODY_BYTES + 3);
    expect(bytes).toBe(Buffer.byteLength(JSON.stringify({ text: big.text, password: MASK })));
    expect(value).not.toContain('secret');
  });
});

describe('request filters', () => {
  const journal = new Journal();
  const entries: JournalEntry[] = [
    journal.record(rest({ at: 100, method: 'GET', path: '/api/v2/me', operation: undefined, session: undefined, body: undefined, agent: 'agent2' })),
    journal.record(rest({ at: 200 })),
    journal.record(rest({ at: 300, statusCode: 2, operation: 'Complete', body: { operationName: 'Complete' } })),
    journal.record(meta({ at: 400 })),
    journal.record(meta({ at: 500, channel: '/meta/handshake', subscription: undefined, successful: false, error: '403::Handshake denied', agent: undefined })),
  ];
  const ids = (filter: object) => entries.filter((e) => differences(filter, e).length === 0).map((e) => e.id);

  it.each([
    [{ agent: 'agent2' }, [1]],
    [{ method: 'get' }, [1]],
    [{ path: '/api/v2/me/chats/*' }, [2, 3]],
    [{ path: '/api/v2/me/*' }, []],
    [{ path: '/api/v2/me' }, [1]],
    [{ operation: 'Accept' }, [2]],
    [{ session: 'C1' }, [2, 3]],
    [{ statusCode: 2 }, [3]],
    [{ status: 200, type: 'rest' }, [1, 2, 3]],
    [{ since: 250 }, [3, 4, 5]],
    [{ params: { nickname: 'Ann' } }, [2]],
    [{ channel: '/meta/*' }, [4, 5]],
    [{ subscription: '/v2/me/chats' }, [4]],
    [{ successful: false }, [5]],
    [{ type: 'bayeux', agent: 'agent1' }, [4]],
    [{}, [1, 2, 3, 4, 5]],
  ])('%j takes %j', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it('refuses a filter that mixes REST and Bayeux fields, or an unknown one', () => {
    expect(RequestFilterSchema.safeParse({ operation: 'Accept', channel: '/meta/connect' }).error?.issues[0].message).toMatch(/operation is a field of REST requests and channel one of Bayeux messages/);
    expect(RequestFilterSchema.safeParse({ opration: 'Accept' }).success).toBe(false);
    expect(RequestQuerySchema.safeParse({ statusCode: '2', successful: 'false', since: '2026-12-06T15:00:00Z' }).success).toBe(false);
    expect(RequestQuerySchema.parse({ statusCode: '2', since: '2026-12-06T15:00:00Z' })).toEqual({ statusCode: 2, since: Date.parse('2026-12-06T15:00:00Z') });
    expect(RequestQuerySchema.safeParse({ since: 'yesterday' }).error?.issues[0].message).toMatch(/epoch milliseconds or an ISO 8601 time/);
  });

  it('near misses: the fewest differences first, each named', () => {
    const misses = nearMisses({ operation: 'Accept', params: { nickname: 'Anne' } }, entries);
    expect(misses[0].entry.id).toBe(2);
    expect(misses[0].differences).toEqual(['params.nickname: expected "Anne", received "Ann"']);
    expect(misses.every((m) => m.entry.type === 'rest')).toBe(true);
  });

  it('verify() says what was expected, what was found, and what came closest', () => {
    const failed = verify({ operation: 'Accept', agent: 'agent2' }, entries);
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/^expected at least one request matching operation=Accept agent=agent2, found 0 \(of 5 journaled\); the closest:\n {2}#2 \S+ agent1 POST \/api\/v2\/me\/chats\/C1 Accept: HTTP 200, statusCode 0\n {6}agent: expected "agent2", received "agent1"/);
    expect(verify({ session: 'C1' }, entries, 1).message).toMatch(/expected exactly 1 request matching session=C1, found 2 \(of 5 journaled\):\n {2}#2 .*\n {2}#3 /);
    expect(verify({ session: 'C1' }, entries, 2)).toMatchObject({ ok: true, message: '' });
    expect(verify({ channel: '/meta/disconnect' }, [], 1).message).toBe('expected exactly 1 request matching channel=/meta/disconnect, found 0 (of 0 journaled); nothing came close');
  });
});
